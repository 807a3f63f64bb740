// 叫号: the queue calls logged (GET /api/calls, newest first, by window and from a day), a test call
// to a window as the queue system makes one (POST /api/windows/{id}/call with the session), and
// for admins the queue system's tokens: listed, made (the token shown this once), removed.
import { h, replace, when } from '../dom.js';
import { api, get, query, user, errorText, ApiError } from '../api.js';
import { Form, text, date, number } from '../form.js';

const scopes = { calls: '排队叫号' };

function source(c) { return c.via === 'token' ? `令牌：${c.by}` : `用户：${c.by}`; }

export async function page(root, params) {
  const { items: windows = [] } = await get('/api/windows?limit=1000');
  const windowName = (w) => `${w.number} 号窗口${w.business ? `（${w.business}）` : ''}`;
  const windowFilter = params.get('window') || '', fromFilter = params.get('from') || '';

  // The log, with its filters in the address so a reload keeps them.
  const pickWindow = h('select', { id: 'calls-window' }, h('option', { value: '' }, '全部窗口'),
    windows.map((w) => h('option', { value: w.id, selected: String(w.id) === windowFilter }, windowName(w))));
  const pickFrom = date(fromFilter, { id: 'calls-from' });
  const go = () => { location.hash = `#/calls${query({ window: pickWindow.value, from: pickFrom.value })}`; };
  pickWindow.addEventListener('change', go);
  pickFrom.addEventListener('change', go);
  const logEl = h('div', { id: 'calls-log' }, h('p', { class: 'muted' }, '读取中…'));
  async function loadLog() {
    try {
      const { items = [] } = await get(`/api/calls${query({ window: windowFilter, from: fromFilter, limit: 200 })}`);
      replace(logEl, items.length ? h('table', { class: 'list', id: 'calls-table' },
        h('thead', {}, h('tr', {}, ['时间', '窗口', '票号', '显示秒数', '来源'].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.map((c) => h('tr', { dataset: { id: c.id } },
          h('td', { class: 'nowrap' }, when(c.called_at, true)), h('td', {}, `${c.window_number} 号窗口`),
          h('td', { class: 'ticket' }, c.ticket), h('td', {}, String(c.seconds)), h('td', {}, source(c)))))) :
        h('p', { class: 'muted', id: 'calls-none' }, windowFilter || fromFilter ? '没有符合条件的叫号记录。' : '还没有叫号记录。'));
    } catch (e) {
      replace(logEl, h('p', { class: 'error' }, errorText(e)));
    }
  }

  // 叫号测试: a call through the same route the queue system uses, to see it on the screens.
  const testForm = new Form();
  const testWindow = h('select', { id: 'call-test-window' }, windows.map((w) => h('option', { value: w.id }, windowName(w))));
  const testTicket = text('A001', { id: 'call-test-ticket', maxlength: 10, class: 'short' });
  const testSeconds = number(30, { id: 'call-test-seconds', min: 5, max: 600, class: 'short' });
  const testButton = h('button', { type: 'submit', class: 'primary', id: 'call-test' }, '叫号测试');
  async function testCall(e) {
    e.preventDefault();
    testForm.clear();
    const seconds = Number(testSeconds.value);
    if (!Number.isInteger(seconds) || seconds < 5 || seconds > 600) {
      testForm.error(new ApiError(400, '显示秒数应为5到600之间的整数', 'seconds'));
      return;
    }
    testButton.disabled = true;
    try {
      const c = await api('POST', `/api/windows/${testWindow.value}/call`, { ticket: testTicket.value.trim(), seconds });
      const screens = c.screens?.length ? `，显示在屏幕 ${c.screens.join('、')}` : '，没有屏幕显示这个窗口的叫号';
      testForm.message(`已叫号：“${c.text}”，${c.seconds} 秒${screens}`, 'ok');
      loadLog();
    } catch (err) {
      testForm.error(err);
    } finally {
      testButton.disabled = false;
    }
  }
  const testEl = h('form', { class: 'record panel', id: 'call-test-form', onsubmit: testCall }, h('h3', {}, '叫号测试'), testForm.banner,
    h('p', { class: 'muted' }, '像叫号机一样叫一个号，用来检查窗口屏和大厅横幅屏的显示；这次叫号也记入叫号记录。'),
    h('div', { class: 'fields' }, testForm.field('窗口', testWindow, 'window'),
      testForm.field('票号', testTicket, 'ticket', '1到10个英文字母或数字，如 A012'),
      testForm.field('显示秒数', testSeconds, 'seconds', '5到600秒')),
    h('div', { class: 'actions' }, testButton));

  const sections = [h('div', { class: 'page-head' }, h('h2', {}, '叫号')), testEl,
    h('section', { class: 'panel' }, h('h3', {}, '叫号记录'),
      h('div', { class: 'filters' }, h('label', { class: 'inline' }, '窗口 ', pickWindow), h('label', { class: 'inline' }, '起始日期 ', pickFrom),
        windowFilter || fromFilter ? h('a', { href: '#/calls' }, '查看全部') : null),
      logEl)];
  if (user()?.role === 'admin') sections.push(tokenSection());
  replace(root, ...sections);
  await loadLog();
}

// The queue system's tokens (admins only): a token is shown once, when it is made.
function tokenSection() {
  const form = new Form();
  const nameInput = text('', { id: 'token-name', maxlength: 64, placeholder: '例如 jiaohao' });
  const made = h('div', { id: 'token-made' });
  const listEl = h('div', { id: 'token-list' }, h('p', { class: 'muted' }, '读取中…'));
  const addButton = h('button', { type: 'submit', class: 'primary', id: 'token-add' }, '新建令牌');

  async function load() {
    try {
      const { items = [] } = await get('/api/tokens');
      replace(listEl, items.length ? h('table', { class: 'list', id: 'token-table' },
        h('thead', {}, h('tr', {}, ['名称', '范围', '创建时间', '最近使用', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.map((t) => h('tr', { dataset: { name: t.name } },
          h('td', { class: 'token-name' }, t.name), h('td', {}, scopes[t.scope] || t.scope),
          h('td', { class: 'nowrap' }, when(t.created_at)), h('td', { class: 'nowrap' }, t.last_used_at ? when(t.last_used_at) : '从未使用'),
          h('td', {}, h('button', { type: 'button', class: 'danger token-remove', onclick: () => remove(t.name) }, '删除')))))) :
        h('p', { class: 'muted', id: 'token-none' }, '还没有叫号令牌。'));
    } catch (e) {
      replace(listEl, h('p', { class: 'error' }, errorText(e)));
    }
  }

  async function remove(name) {
    if (!confirm(`删除令牌“${name}”？使用它的叫号机将立即无法叫号。`)) return;
    form.clear();
    replace(made);
    try {
      await api('DELETE', `/api/tokens/${encodeURIComponent(name)}`);
      form.message(`已删除令牌“${name}”`, 'ok');
    } catch (e) {
      form.error(e);
    }
    load();
  }

  async function add(e) {
    e.preventDefault();
    form.clear();
    replace(made);
    addButton.disabled = true;
    try {
      const t = await api('POST', '/api/tokens', { name: nameInput.value.trim(), scope: 'calls' });
      const value = h('input', { type: 'text', readonly: true, value: t.token, id: 'token-value', class: 'token-value', size: 60 });
      value.addEventListener('focus', () => value.select());
      replace(made, h('div', { class: 'banner ok', role: 'status' },
        h('p', {}, `令牌“${t.name}”已创建。请现在复制下面的令牌，填入叫号系统的配置（Authorization: Bearer 令牌）：`),
        value,
        h('p', { class: 'hint' }, '令牌只显示这一次，服务器只保存它的摘要；离开本页后无法再查看。遗失时删除后重新创建。')));
      nameInput.value = '';
      load();
    } catch (err) {
      form.error(err);
    } finally {
      addButton.disabled = false;
    }
  }

  load();
  return h('section', { class: 'panel', id: 'tokens' }, h('h3', {}, '叫号令牌'),
    h('p', { class: 'muted' }, '叫号机用令牌代替账号登录，只能叫号。接入方法见 docs/queue-calls.md。'),
    h('form', { class: 'record', id: 'token-form', onsubmit: add }, form.banner,
      h('div', { class: 'fields' }, form.field('名称', nameInput, 'name', '英文字母、数字和 - _ .，至多64个字符'),
        form.slot('scope')),
      h('div', { class: 'actions' }, addButton)),
    made, listEl);
}
