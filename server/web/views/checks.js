// 检查: every finding of `gongshi check`, errors first, then warnings, then notes (as the server
// orders them), grouped by the record they concern; each links to the record's edit page with the
// field to fix marked.
import { h, replace } from '../dom.js';
import { get, query, errorText } from '../api.js';
import { centreFilter } from '../centre.js';
import { records, routes } from '../labels.js';
import { findingItem } from '../findings.js';

const nameOf = (r) => r.name || r.title || (r.number ? `${r.number}号窗口` : '');

export async function page(root) {
  const body = h('div', {}, h('p', { class: 'muted' }, '检查中…'));
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '发布前检查'),
    h('button', { type: 'button', onclick: () => page(root) }, '重新检查')), body);
  let findings;
  try {
    ({ findings = [] } = await get(`/api/checks${query(centreFilter())}`)); // the picked centre's, or the county's
  } catch (e) {
    replace(body, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  const rank = { error: 0, warning: 1, info: 2 };
  findings = findings.map((f, i) => ({ ...f, i })).sort((a, b) => ((rank[a.severity] ?? 3) - (rank[b.severity] ?? 3)) || a.i - b.i);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const groups = new Map();
  for (const f of findings) {
    const key = `${f.record}:${f.id}`;
    if (!groups.has(key)) groups.set(key, { record: f.record, id: f.id, severity: f.severity, items: [] });
    groups.get(key).items.push(f);
  }
  const sections = [...groups.values()].map((g) => {
    const title = h('span', {}, `${records[g.record] || g.record} #${g.id}`);
    const route = routes[g.record];
    // Fill in the record's name once it is read; the link works without it.
    if (route && g.id) get(`/api/${route}/${g.id}`).then((r) => replace(title, `${records[g.record]}：${nameOf(r) || `#${g.id}`}`)).catch(() => {});
    const href = (f) => (route && g.id ? `#/${route}/${g.id}${f.field ? `?field=${encodeURIComponent(f.field)}` : ''}` : null);
    return h('section', { class: `panel group sev-${g.severity}`, dataset: { record: g.record, id: g.id, severity: g.severity } },
      h('h3', {}, route && g.id ? h('a', { href: `#/${route}/${g.id}` }, title) : title),
      h('ul', {}, g.items.map((f) => findingItem(f, null, href(f)))));
  });
  replace(body,
    h('p', { class: errors ? 'error' : 'ok' },
      findings.length ? `共 ${findings.length} 条：错误 ${errors} 条，提醒 ${findings.length - errors} 条。有错误的记录应改正后再发布。` : '未发现问题'),
    sections);
}
