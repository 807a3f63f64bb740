// Edit forms: fields with an error slot each, so a server error naming a field
// ("materials[2].copies") shows beside that field; a banner for the rest, 409 included.
import { h, replace } from './dom.js';
import { ApiError, errorText } from './api.js';

export class Form {
  constructor() {
    this.slots = new Map();
    this.banner = h('div', { class: 'banner', role: 'alert', hidden: true });
  }

  // A labelled field; `name` is the API's field path.
  field(label, input, name, hint) {
    const slot = h('div', { class: 'field-error', role: 'alert' });
    if (name) {
      this.slots.set(name, { slot, input });
      input.dataset.field = name;
    }
    return h('div', { class: 'field' }, h('label', {}, h('span', { class: 'label' }, label), input),
      hint ? h('div', { class: 'hint' }, hint) : null, slot);
  }

  // Registers an error slot for a field that is drawn elsewhere (e.g. a table cell).
  slot(name, input) {
    const slot = h('div', { class: 'field-error', role: 'alert' });
    this.slots.set(name, { slot, input });
    if (input) input.dataset.field = name;
    return slot;
  }

  clear() {
    this.banner.hidden = true;
    replace(this.banner);
    for (const { slot, input } of this.slots.values()) {
      replace(slot);
      input?.classList.remove('invalid');
    }
  }

  message(text, kind = 'ok', ...extra) {
    this.banner.hidden = false;
    this.banner.className = `banner ${kind}`;
    replace(this.banner, text, ...extra);
  }

  // Shows an ApiError where it belongs. `reload` is offered on a conflict.
  error(err, reload) {
    this.clear();
    const text = errorText(err);
    if (err.status === 409 && (!err.field || err.field === 'version')) {
      this.message(text, 'conflict', reload ? h('button', { type: 'button', class: 'link', onclick: reload }, '刷新') : null);
      return;
    }
    const target = this.find(err.field);
    if (target) {
      replace(target.slot, text);
      target.input?.classList.add('invalid');
      target.input?.focus?.();
      this.message('请修改标红的项后再保存', 'error');
    } else {
      this.message(err.field ? `${err.field}：${text}` : text, 'error');
    }
  }

  // Checks `input` as it is typed: `problem(value)` gives what is wrong (Chinese) or ''; said at
  // once in the field's slot, before any save.
  watch(input, name, problem) {
    const check = () => {
      const target = this.slots.get(name);
      if (!target) return;
      const text = problem(input.value);
      replace(target.slot, text);
      input.classList.toggle('invalid', !!text);
    };
    input.addEventListener('input', check);
    input.addEventListener('change', check);
    return input;
  }

  // The field's own slot, or its nearest registered parent ("materials[2]" for "materials[2].x").
  find(field) {
    let name = field || '';
    while (name) {
      if (this.slots.has(name)) return this.slots.get(name);
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      name = cut > 0 ? name.slice(0, cut) : '';
    }
    return null;
  }
}

// Inputs. Values are set as properties, never parsed as markup.
export const text = (value, attrs = {}) => h('input', { type: 'text', value: value ?? '', ...attrs });
export const date = (value, attrs = {}) => h('input', { type: 'date', value: value ?? '', ...attrs });
export const number = (value, attrs = {}) =>
  h('input', { type: 'number', value: value ?? '', inputmode: 'numeric', ...attrs });
export const checkbox = (checked, attrs = {}) => h('input', { type: 'checkbox', checked: !!checked, ...attrs });
export const textarea = (value, attrs = {}) => {
  const t = h('textarea', attrs);
  t.value = value ?? '';
  return t;
};

// "" -> null, "12" -> 12, "abc" -> "abc" (the server names the field when it is not a number).
export function intOrNull(s) {
  const t = String(s ?? '').trim();
  if (t === '') return null;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

// Parses JSON typed in a textarea; a typo is reported beside the field like a server error.
export function jsonField(s, field) {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new ApiError(400, `JSON 格式错误：${e.message}`, field);
  }
}

// A phone number as the server takes it (common/Parse.h isPhoneNumber): a mainland mobile
// (11 digits, 13x to 19x) or a landline with its area code ("028-12345678", "0833-6201101"),
// optionally an extension after a dash. What is wrong, in Chinese, or '' (empty is allowed).
const phoneOk = (s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}-[1-9]\d{6,7}(-\d{1,6})?$/.test(s) || /^0\d{9,11}$/.test(s);
export function phoneProblem(value, label = '电话') {
  const s = String(value ?? '').trim();
  if (!s || phoneOk(s)) return '';
  return `${label}应为手机号（11位，如13812345678）或带区号的固定电话（如028-12345678），而不是“${s}”`;
}
// "HH:MM" (00:00-23:59) or empty.
export function timeProblem(value, label) {
  const s = String(value ?? '').trim();
  if (!s || /^([01]\d|2[0-3]):[0-5]\d$/.test(s)) return '';
  return `${label}“${s}”不是有效时间，应写作“08:30”`;
}
// The value, or an ApiError naming `field` when `problem` finds something wrong.
export function checked(value, field, problem) {
  const text = problem(value);
  if (text) throw new ApiError(400, text, field);
  return String(value ?? '').trim();
}
