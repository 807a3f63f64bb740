// 待审批 (admin): matters and notices saved by editors while the centre needs approval to publish.
import { h, replace, when } from '../dom.js';
import { api, get, errorText } from '../api.js';
import { records, routes } from '../labels.js';

export async function page(root) {
  const body = h('div', {}, h('p', { class: 'muted' }, '读取中…'));
  const note = h('div', { class: 'banner', hidden: true, role: 'status' });
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '待审批')), note, body);

  const say = (text, kind) => { note.hidden = false; note.className = `banner ${kind}`; replace(note, text); };

  async function approve(a) {
    try {
      await api('POST', '/api/approvals', { record: a.record, id: a.id, version: a.version });
      say(`已批准发布：${a.title}`, 'ok');
      load();
    } catch (e) {
      say(errorText(e), 'error');
    }
  }

  const row = (a) => h('tr', {},
    h('td', {}, h('a', { href: `#/${routes[a.record] || a.record}/${a.id}` }, `${records[a.record] || a.record} #${a.id}`)),
    h('td', {}, a.title), h('td', {}, `第 ${a.version} 版`), h('td', {}, a.changed_by), h('td', {}, when(a.changed_at)),
    h('td', {}, h('button', { type: 'button', class: 'primary', onclick: () => approve(a) }, '批准发布')));

  async function load() {
    try {
      const { items = [] } = await get('/api/approvals');
      replace(body, items.length
        ? h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, ['记录', '标题', '版本', '提交人', '时间', ''].map((t) => h('th', {}, t)))),
          h('tbody', {}, items.map(row)))
        : h('p', { class: 'muted' }, '没有待审批的内容'));
    } catch (e) {
      replace(body, h('p', { class: 'error' }, errorText(e)));
    }
  }
  await load();
}
