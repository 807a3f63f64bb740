// 检查: every finding of `gongshi check`, grouped by the record it concerns, linked to its edit page.
import { h, replace } from '../dom.js';
import { get, errorText } from '../api.js';
import { records, routes } from '../labels.js';
import { findingItem } from '../findings.js';

const nameOf = (r) => r.name || r.title || (r.number ? `${r.number}号窗口` : '');

export async function page(root) {
  const body = h('div', {}, h('p', { class: 'muted' }, '检查中…'));
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '发布前检查'),
    h('button', { type: 'button', onclick: () => page(root) }, '重新检查')), body);
  let findings;
  try {
    ({ findings = [] } = await get('/api/checks'));
  } catch (e) {
    replace(body, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.record}:${f.id}`;
    if (!groups.has(key)) groups.set(key, { record: f.record, id: f.id, items: [] });
    groups.get(key).items.push(f);
  }
  const sections = [...groups.values()].map((g) => {
    const title = h('span', {}, `${records[g.record] || g.record} #${g.id}`);
    const route = routes[g.record];
    // Fill in the record's name once it is read; the link works without it.
    if (route && g.id) get(`/api/${route}/${g.id}`).then((r) => replace(title, `${records[g.record]}：${nameOf(r) || `#${g.id}`}`)).catch(() => {});
    return h('section', { class: 'panel group', dataset: { record: g.record, id: g.id } },
      h('h3', {}, route && g.id ? h('a', { href: `#/${route}/${g.id}` }, title) : title),
      h('ul', {}, g.items.map((f) => findingItem(f))));
  });
  replace(body,
    h('p', { class: errors ? 'error' : 'ok' },
      findings.length ? `共 ${findings.length} 条：错误 ${errors} 条，提醒 ${findings.length - errors} 条。有错误的记录应改正后再发布。` : '未发现问题'),
    sections);
}
