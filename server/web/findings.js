// What `gongshi check` finds about one record, shown beside its edit form so it is seen before
// the record is published.
import { h, replace } from './dom.js';
import { get, errorText } from './api.js';
import { checkKinds, severities } from './labels.js';

// `focus(field)`, when given, takes the user to the form field a finding names; `href`, when
// given, is a link to the record's edit page with that field marked (the checks page).
export function findingItem(f, focus, href) {
  const kind = checkKinds[f.kind] || f.kind;
  let title;
  if (focus && f.field) title = h('button', { type: 'button', class: 'link kind', title: '转到该项', onclick: () => focus(f.field) }, kind);
  else if (href) title = h('a', { class: 'kind', href, title: '打开记录并转到该项' }, kind);
  else title = h('span', { class: 'kind' }, kind);
  return h('li', { class: `finding sev-${f.severity}`, dataset: { severity: f.severity, kind: f.kind, field: f.field || '' } },
    h('span', { class: `badge ${f.severity}` }, severities[f.severity] || f.severity), ' ', title,
    f.field ? h('span', { class: 'field-name' }, `（${f.field}）`) : null,
    h('div', { class: 'message' }, f.message));
}

export function findingsPanel(record, focus) {
  const list = h('div', { class: 'findings', id: 'findings' });
  const el = h('section', { class: 'panel' }, h('h3', {}, '发布前检查'), list);

  async function refresh(id) {
    if (!id) { replace(list, h('p', { class: 'muted' }, '保存后显示检查结果')); return; }
    replace(list, h('p', { class: 'muted' }, '检查中…'));
    try {
      const { findings = [] } = await get(`/api/checks?record=${encodeURIComponent(record)}&id=${id}`);
      const mine = findings.filter((f) => f.record === record && Number(f.id) === Number(id));
      replace(list, mine.length
        ? h('ul', {}, mine.map((f) => findingItem(f, focus)))
        : h('p', { class: 'ok' }, '未发现问题'));
    } catch (e) {
      replace(list, h('p', { class: 'error' }, `无法检查：${errorText(e)}`));
    }
  }
  return { el, refresh };
}
