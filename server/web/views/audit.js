// 操作日志: who changed what and when, newest first, with the fields that changed (as text).
import { h, replace, when } from '../dom.js';
import { get, query, errorText } from '../api.js';
import { records, routes, actions, fieldLabel, userFields } from '../labels.js';
import { centreFilter } from '../centre.js';

const pageSize = 30;
const skip = new Set(['version', 'changed_at', 'changed_by', 'created_at']);

// {"a": {"b": [1]}} -> [["a.b[0]", "1"]]
function flatten(v, path = '', out = new Map()) {
  if (Array.isArray(v)) {
    if (!v.length) out.set(path, '[]');
    v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (!(path === '' && skip.has(k))) flatten(x, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, v === null || v === undefined ? '' : String(v));
  }
  return out;
}

export function diffRows(before, after) {
  const a = flatten(before ?? {}), b = flatten(after ?? {});
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => [k, a.get(k) ?? '', b.get(k) ?? '']);
}

function diff(e, fields) {
  const rows = diffRows(e.before, e.after);
  if (!rows.length) return h('span', { class: 'muted' }, '无内容变化');
  return h('details', { open: rows.length <= 6 }, h('summary', {}, `${rows.length} 项变化`),
    h('table', { class: 'diff' }, h('thead', {}, h('tr', {}, h('th', {}, '字段'), h('th', {}, '修改前'), h('th', {}, '修改后'))),
      h('tbody', {}, rows.map(([k, x, y]) => h('tr', {}, h('td', { class: 'key', title: k }, fieldLabel(fields, k)),
        h('td', { class: 'before' }, x), h('td', { class: 'after' }, y))))));
}

export async function page(root, params) {
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const record = params.get('record') || '', id = params.get('id') || '';
  const go = (o) => { location.hash = `#/audit${query({ record, id, offset: o || '' })}`; };
  const body = h('div', {}, h('p', { class: 'muted' }, '读取中…'));
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '操作日志'),
    record ? h('span', {}, `${records[record] || record} #${id} `, h('a', { href: '#/audit' }, '查看全部')) : null), body);
  let answer, labels;
  try {
    [answer, labels] = await Promise.all([get(`/api/audit${query({ record, id, limit: pageSize, offset, ...centreFilter() })}`),
      get('/api/fields')]);
  } catch (e) {
    replace(body, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  const { items = [], total = 0 } = answer;
  const target = (e) => {
    const route = routes[e.record];
    // Users and tokens are named, not numbered.
    const name = e.record === 'user' ? (e.after?.username || e.before?.username || '')
      : e.record === 'token' ? (e.after?.name || e.before?.name || '') : '';
    const text = name ? `${records[e.record]}：${name}` : `${records[e.record] || e.record} #${e.record_id}`;
    const title = e.after?.title || e.after?.name || e.before?.title || e.before?.name || '';
    return [route ? h('a', { href: `#/${route}/${e.record_id}` }, text) : text, title ? h('div', { class: 'muted' }, title) : null];
  };
  replace(body,
    h('table', { class: 'list audit' },
      h('thead', {}, h('tr', {}, ['时间', '操作人', '操作', '记录', '变更内容'].map((t) => h('th', {}, t)))),
      h('tbody', {}, items.map((e) => h('tr', { dataset: { record: e.record, id: e.record_id } },
        h('td', { class: 'nowrap' }, when(e.at)), h('td', { class: 'user' }, e.user),
        h('td', {}, actions[e.action] || e.action), h('td', {}, target(e)), h('td', {}, diff(e, e.record === 'user' ? userFields : labels[e.record] || {})))))),
    h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - pageSize)) }, '较新'),
      h('span', {}, `共 ${total} 条`),
      h('button', { type: 'button', disabled: offset + items.length >= total, onclick: () => go(offset + pageSize) }, '较早')));
}
