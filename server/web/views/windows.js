// 窗口: number, business, A/B posts, status and the away message; LED preview of the status line.
import { h, select } from '../dom.js';
import { get } from '../api.js';
import { listPage } from '../list.js';
import { editPage, defaultCentreId } from '../editor.js';
import { text, checked, phoneProblem, timeProblem } from '../form.js';
import { windowStatuses } from '../labels.js';
import { ledPreview } from '../led.js';

export async function staffNames() {
  try {
    const { items = [] } = await get('/api/staff?limit=1000');
    return new Map(items.map((s) => [s.id, s.name]));
  } catch {
    return new Map();
  }
}

export async function list(root, params) {
  const names = await staffNames();
  return listPage(root, {
    title: '窗口', collection: 'windows', params, newLabel: '新建窗口', worded: true,
    columns: [
      { label: '窗口', value: (w) => `${w.number}号窗口` },
      { label: '业务', value: (w) => w.business },
      { label: 'A岗', value: (w) => names.get(w.post_a) || '' },
      { label: 'B岗', value: (w) => names.get(w.post_b) || '' },
      { label: '状态', value: (w) => h('span', { class: `status ${w.status}` }, w.wording.status) },
    ],
  });
}

export async function edit(root, id) {
  const names = await staffNames();
  const staffOptions = [['0', '（无）'], ...[...names].map(([sid, name]) => [String(sid), name])];
  let inputs;
  const current = (w) => ({
    ...w, number: inputs.number.value, business: inputs.business.value,
    post_a: Number(inputs.post_a.value), post_b: Number(inputs.post_b.value), status: inputs.status.value,
    // Away details only while away, as the window page and PUT .../status keep them.
    away: inputs.status.value === 'away'
      ? { where: inputs.where.value, why: inputs.why.value, back_at: inputs.back_at.value, phone: inputs.phone.value.trim() }
      : { where: '', why: '', back_at: '', phone: '' },
  });
  // Saved only when the return time and phone number are ones the server takes (said beside them).
  const checkedAway = (w) => {
    if (inputs.status.value === 'away') {
      checked(inputs.back_at.value, 'away.back_at', (v) => timeProblem(v, '预计返回'));
      checked(inputs.phone.value, 'away.phone', (v) => phoneProblem(v, '联系电话'));
    }
    return current(w);
  };
  let w0;
  return editPage(root, {
    collection: 'windows', id, noun: '窗口', titleOf: (w) => `${w.number}号窗口`,
    blank: async () => ({ centre_id: await defaultCentreId(), number: '', business: '', post_a: 0, post_b: 0,
      status: 'serving', away: { where: '', why: '', back_at: '', phone: '' } }),
    build(w, form, changed) {
      w0 = w;
      const a = w.away || {};
      inputs = {
        number: text(w.number, { oninput: changed }), business: text(w.business, { oninput: changed }),
        post_a: select({ onchange: changed }, staffOptions, w.post_a), post_b: select({ onchange: changed }, staffOptions, w.post_b),
        status: select({ onchange: () => { awayBox.hidden = inputs.status.value !== 'away'; changed(); } }, windowStatuses, w.status),
        where: text(a.where, { oninput: changed }), why: text(a.why, { oninput: changed }),
        back_at: text(a.back_at, { type: 'time', oninput: changed }), phone: text(a.phone, { type: 'tel', inputmode: 'tel', oninput: changed }),
      };
      form.watch(inputs.phone, 'away.phone', (v) => phoneProblem(v, '联系电话'));
      form.watch(inputs.back_at, 'away.back_at', (v) => timeProblem(v, '预计返回'));
      const awayBox = h('fieldset', { hidden: w.status !== 'away' }, h('legend', {}, '外出信息'),
        h('div', { class: 'row' }, form.field('去向', inputs.where, 'away.where'), form.field('事由', inputs.why, 'away.why')),
        h('div', { class: 'row' }, form.field('预计返回', inputs.back_at, 'away.back_at'), form.field('联系电话', inputs.phone, 'away.phone')));
      return {
        el: h('div', { class: 'fields' },
          h('div', { class: 'row' }, form.field('窗口号', inputs.number, 'number'), form.field('业务', inputs.business, 'business')),
          h('div', { class: 'row' }, form.field('A岗（主岗）', inputs.post_a, 'post_a'), form.field('B岗（替岗）', inputs.post_b, 'post_b')),
          form.field('状态', inputs.status, 'status'), awayBox),
        collect: (cur) => checkedAway(cur),
      };
    },
    side(w, updated, unsaved) {
      const preview = ledPreview(() => ({ window: unsaved() }));
      return { panels: [preview.el], changed: preview.refresh };
    },
  });
}
