// A searchable, paged list of one collection: GET /api/<c>?q=&limit=&offset=.
import { h, replace } from './dom.js';
import { get, api, query, errorText } from './api.js';
import { approvalTags } from './approval.js';
import { centreFilter } from './centre.js';

const pageSize = 20;

// columns: [{label, value: (record) => text or node}]; the first column links to the record.
// worded: each record gets `wording`, the screens' words for it (time limit, fee, status).
export async function listPage(root, { title, collection, columns, params, newLabel, filters = {}, tools, worded }) {
  const q = params.get('q') || '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const go = (changes) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === '' || v === 0 ? next.delete(k) : next.set(k, v));
    location.hash = `#/${collection}${next.toString() ? `?${next}` : ''}`;
  };
  const search = h('input', { type: 'search', name: 'q', value: q, placeholder: '输入关键词', 'aria-label': '搜索' });
  const body = h('div', { class: 'list-body' }, h('p', { class: 'muted' }, '读取中…'));
  replace(root,
    h('div', { class: 'page-head' }, h('h2', {}, title),
      newLabel ? h('a', { class: 'button primary', href: `#/${collection}/new` }, newLabel) : null, tools),
    h('form', { class: 'search', onsubmit: (e) => { e.preventDefault(); go({ q: search.value.trim(), offset: 0 }); } },
      search, h('button', { type: 'submit' }, '搜索'),
      q ? h('a', { class: 'button', href: `#/${collection}` }, '清除') : null),
    body);

  let answer;
  try {
    // The picked centre's records (a centre's own user: the server narrows them in any case).
    answer = await get(`/api/${collection}${query({ q, limit: pageSize, offset, ...centreFilter(), ...filters })}`);
    if (worded && answer.items?.length) {
      // The screens' wording of each record (POST /api/wording), never a second copy of it here.
      const words = (await api('POST', '/api/wording', { [collection]: answer.items }))[collection];
      answer.items.forEach((r, i) => { r.wording = words[i]; });
    }
  } catch (e) {
    replace(body, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  const { items = [], total = 0 } = answer;
  if (!items.length) {
    replace(body, h('p', { class: 'muted' }, q ? `没有找到与“${q}”有关的记录` : '还没有记录'));
    return;
  }
  replace(body,
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c.label)))),
      h('tbody', {}, items.map((r) => h('tr', { dataset: { id: r.id } }, columns.map((c, i) => {
        const v = c.value(r);
        // The first column links to the record, with where it stands for approval.
        if (i > 0) return h('td', {}, v);
        const tags = approvalTags(r);
        return h('td', {}, h('a', { href: `#/${collection}/${r.id}` }, v === '' ? `#${r.id}` : v), tags.length ? [' ', tags] : null);
      }))))),
    h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - pageSize) }) }, '上一页'),
      h('span', {}, `第 ${offset + 1}–${offset + items.length} 条，共 ${total} 条`),
      h('button', { type: 'button', disabled: offset + items.length >= total, onclick: () => go({ offset: offset + pageSize }) }, '下一页')));
}
