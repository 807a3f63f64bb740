// The admin page: login, menu, hash routes (#/notices, #/notices/12, #/notices/new, ...).
import { h, replace } from './dom.js';
import { get, logout, user, errorText } from './api.js';
import { roles, label } from './labels.js';
import { loginForm, startPage } from './login.js';
import { setupPage, setupState } from './setup.js';
import * as matters from './views/matters.js';
import * as notices from './views/notices.js';
import * as windows from './views/windows.js';
import * as staff from './views/staff.js';
import * as screens from './views/screens.js';
import * as programs from './views/programs.js';
import * as centres from './views/centres.js';
import * as checks from './views/checks.js';
import * as audit from './views/audit.js';
import * as users from './views/users.js';
import * as approvals from './views/approvals.js';
import * as print from './views/print.js';
import * as imports from './views/imports.js';
import * as calendar from './views/calendar.js';
import * as password from './views/password.js';
import * as live from './live.js';
import * as broadcast from './views/broadcast.js';
import * as calls from './views/calls.js';
import { pickedCentre, pickCentre, countyUser } from './centre.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

// [route, menu label, module, roles that see it]
const pages = [
  ['matters', '事项', matters],
  ['notices', '公告', notices],
  ['windows', '窗口', windows],
  ['staff', '人员', staff],
  ['screens', '显示屏', screens],
  ['live', '实时画面', live],
  ['programs', '节目', programs],
  ['print', '打印', print],
  ['imports', '导入导出', imports, ['admin', 'editor']],
  ['checks', '检查', checks],
  ['calendar', '节假日', calendar],
  ['audit', '日志', audit],
  ['centres', '中心', centres],
  ['calls', '叫号', calls, ['admin', 'editor']],
  ['broadcast', '紧急插播', broadcast, ['admin']],
  ['approvals', '审批', approvals, ['admin']],
  ['users', '用户', users, ['admin']],
];

function route() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, id] = path.split('/');
  return { name: name || 'matters', id, params: new URLSearchParams(search) };
}

function visible(p) { return !p[3] || p[3].includes(user()?.role); }

function drawChrome() {
  const u = user();
  const { name } = route();
  replace(nav, u ? pages.filter(visible).map((p) =>
    h('a', { href: `#/${p[0]}`, class: p[0] === name ? 'current' : '', 'aria-current': p[0] === name ? 'page' : false }, p[1])) : []);
  replace(who, u ? [h('span', { class: 'user', id: 'current-user' }, `${u.username}（${label(roles, u.role)}）`),
    h('a', { class: 'link', id: 'change-password', href: '#/password' }, '修改密码'),
    h('button', { type: 'button', class: 'link', id: 'logout', onclick: async () => { await logout().catch(() => {}); showLogin(); } }, '退出')] : []);
}

let centreShown = false;

// The header names the centre worked on: a centre's user's own; for a county user, a picker of
// 全县 and each centre, whose choice the lists and new records follow.
function showCentreName() {
  if (centreShown) return;
  centreShown = true;
  const nameEl = document.getElementById('centre-name');
  const shown = (name) => { nameEl.textContent = name; document.title = `${name} · 公示管理`; };
  document.getElementById('centre-picker-label')?.remove();
  get(countyUser() ? '/api/centres?limit=1000' : '/api/centres?limit=1').then(({ items = [] }) => {
    if (!countyUser()) { if (items[0]?.name) shown(items[0].name); return; }
    let picked = pickedCentre();
    if (picked && !items.some((c) => c.id === picked)) { pickCentre(null); picked = null; } // a centre since deleted
    // A county of one centre is named by that centre.
    const name = () => items.find((c) => c.id === pickedCentre())?.name || (items.length === 1 ? items[0].name : '全县');
    shown(name());
    const choose = h('select', { id: 'centre-picker', 'aria-label': '中心', onchange: () => {
      pickCentre(Number(choose.value) || null);
      shown(name());
      render();
    } }, h('option', { value: '' }, '全县'), items.map((c) => h('option', { value: c.id, selected: c.id === picked }, c.name)));
    who.before(h('label', { class: 'centre-pick', id: 'centre-picker-label' }, '中心 ', choose));
  }).catch(() => { centreShown = false; });
}

async function render() {
  if (!user()) { showLogin(); return; }
  if (user().role === 'window') { location.href = '/window'; return; }
  drawChrome();
  showCentreName();
  const { name, id, params } = route();
  // One's own password: for every user, by the user's name rather than in the menu.
  const p = name === 'password' ? ['password', '修改密码', password] : pages.find((x) => x[0] === name);
  // Each render writes into its own container, so a slow answer for a page already left is dropped.
  const root = h('div', { class: 'view', id: `view-${name}` });
  replace(main, root);
  if (!p || !visible(p)) { replace(root, h('p', { class: 'error' }, '没有这个页面或没有权限')); return; }
  const mod = p[2];
  try {
    if (mod.page) await mod.page(root, params);
    else if (id) await mod.edit(root, id === 'new' ? null : Number(id));
    else await mod.list(root, params);
  } catch (e) {
    replace(root, h('p', { class: 'error' }, errorText(e)));
  }
}

async function showLogin(message) {
  centreShown = false; // the next user's centre, once logged in
  document.getElementById('centre-picker-label')?.remove();
  drawChrome();
  // A new install without a centre or a user: the first-run form instead of a login nobody has.
  const state = await setupState();
  if (state?.open) {
    setupPage(main, state, (answer) => {
      centreShown = false;
      const next = `#/centres/${answer.centre_id}`;
      if (location.hash === next) render(); else location.hash = next;
    });
    return;
  }
  const { form, focus } = loginForm({ heading: '登录', formId: 'login', onDone: render, message });
  replace(main, form);
  focus();
}

window.addEventListener('hashchange', render);
window.addEventListener('gongshi:logged-out', () => showLogin('登录已过期，请重新登录'));

startPage(main, render);
