// 待审批 (admin): matters and notices saved by editors while the centre needs approval to publish;
// each with what it changes field by field, to approve or to send back with a comment.
import { h, replace, when } from '../dom.js';
import { api, get, query, errorText } from '../api.js';
import { centreFilter } from '../centre.js';
import { records, routes } from '../labels.js';

const shown = (v) => (v === null || v === undefined ? h('span', { class: 'muted' }, '（无）') : v === '' ? h('span', { class: 'muted' }, '（空）') : v);

export async function page(root) {
  const body = h('div', {}, h('p', { class: 'muted' }, '读取中…'));
  const note = h('div', { class: 'banner', hidden: true, role: 'status' });
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '待审批')), note, body);

  const say = (text, kind) => { note.hidden = false; note.className = `banner ${kind}`; replace(note, text); };

  async function decide(a, decision, comment) {
    try {
      await api('POST', '/api/approvals', { record: a.record, id: a.id, version: a.version, decision, comment });
      say(decision === 'reject' ? `已退回：${a.title}` : `已批准发布：${a.title}`, 'ok');
      load();
    } catch (e) {
      say(errorText(e), 'error');
    }
  }

  const card = (a) => {
    const comment = h('input', { type: 'text', class: 'reject-comment', placeholder: '退回意见（必填）', 'aria-label': '退回意见' });
    const changes = a.changes || [];
    return h('section', { class: 'panel approval-item', dataset: { record: a.record, id: a.id } },
      h('h3', {}, h('a', { href: `#/${routes[a.record] || a.record}/${a.id}` }, `${records[a.record] || a.record} #${a.id}`), ' ', a.title),
      h('p', { class: 'muted' }, `第 ${a.version} 版 · ${a.changed_by} · ${when(a.changed_at)} · `,
        a.approved_version ? `对比已批准的第 ${a.approved_version} 版` : '从未批准过（屏幕上尚未显示）'),
      changes.length
        ? h('table', { class: 'list changes' },
          h('thead', {}, h('tr', {}, ['字段', '原内容', '新内容'].map((t) => h('th', {}, t)))),
          h('tbody', {}, changes.map((c) => h('tr', { dataset: { field: c.field } },
            h('td', {}, c.label), h('td', { class: 'before' }, shown(c.before)), h('td', { class: 'after' }, shown(c.after))))))
        : h('p', { class: 'muted' }, '内容与已批准的版本相同'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary approve', onclick: () => decide(a, 'approve') }, '批准发布'),
        comment,
        h('button', { type: 'button', class: 'danger reject', onclick: () => decide(a, 'reject', comment.value.trim()) }, '退回')));
  };

  async function load() {
    try {
      const { items = [] } = await get(`/api/approvals${query(centreFilter())}`);
      replace(body, items.length ? items.map(card) : h('p', { class: 'muted' }, '没有待审批的内容'));
    } catch (e) {
      replace(body, h('p', { class: 'error' }, errorText(e)));
    }
  }
  await load();
}
