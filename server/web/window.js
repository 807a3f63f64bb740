// The phone page for window staff: serving / paused / away, and where and when back.
import { h, replace, hallClock } from './dom.js';
import { api, get, logout, user, errorText } from './api.js';
import { phoneProblem, timeProblem } from './form.js';
import { windowStatuses } from './labels.js';
import { loginForm, startPage } from './login.js';
import { page as passwordPage } from './views/password.js';

const main = document.getElementById('main');

function showLogin(message) {
  const { form } = loginForm({ heading: '窗口状态', headingTag: 'h1', buttonClass: 'primary big', onDone: start, message });
  replace(main, form);
}

// Staff of a window see their own; an admin or editor picks one.
async function start() {
  const u = user();
  if (!u) { showLogin(); return; }
  if (u.window_id) { show(u.window_id); return; }
  try {
    const { items = [] } = await get('/api/windows?limit=1000');
    replace(main, h('div', { class: 'panel' }, h('h1', {}, '选择窗口'),
      items.map((w) => h('button', { type: 'button', class: 'big', onclick: () => show(w.id) }, `${w.number}号窗口 ${w.business}`))),
    logoutButton());
  } catch (e) {
    replace(main, h('p', { class: 'error' }, errorText(e)), logoutButton());
  }
}

function logoutButton() {
  return h('button', { type: 'button', class: 'link', id: 'logout', onclick: async () => { await logout().catch(() => {}); showLogin(); } }, '退出登录');
}

// The window's status in the screens' words (POST /api/wording), never a second wording here.
async function describe(w) {
  try {
    const { windows = [] } = await api('POST', '/api/wording', { windows: [w] });
    return windows[0]?.status || '';
  } catch (e) {
    return errorText(e);
  }
}

async function show(id) {
  let w;
  try {
    w = await get(`/api/windows/${id}`);
  } catch (e) {
    replace(main, h('p', { class: 'error' }, errorText(e)), logoutButton());
    return;
  }
  const a = w.away || {};
  const current = h('p', { id: 'window-status', class: `status ${w.status}` }, await describe(w));
  const note = h('div', { id: 'save-note', role: 'status', class: 'note' });
  const where = h('input', { id: 'away-where', value: a.where || '', placeholder: '如：石板村三组' });
  const why = h('input', { id: 'away-why', value: a.why || '', placeholder: '如：现场踏勘' });
  const back = h('input', { id: 'away-back', type: 'time', value: a.back_at || '' });
  const phone = h('input', { id: 'away-phone', type: 'tel', value: a.phone || '', inputmode: 'tel', autocomplete: 'tel' });
  // What is typed wrong is said beside the field at once, before anything is sent.
  const phoneError = h('div', { id: 'away-phone-error', class: 'field-error', role: 'alert' });
  const backError = h('div', { id: 'away-back-error', class: 'field-error', role: 'alert' });
  const checkField = (input, slot, problem) => {
    const text = problem(input.value);
    replace(slot, text);
    input.classList.toggle('invalid', !!text);
    return !text;
  };
  const checkPhone = () => checkField(phone, phoneError, (v) => phoneProblem(v, '联系电话'));
  const checkBack = () => checkField(back, backError, (v) => timeProblem(v, '预计返回'));
  phone.addEventListener('input', checkPhone);
  back.addEventListener('change', checkBack);
  const awayForm = h('form', { class: 'away', id: 'away-form', hidden: w.status !== 'away', onsubmit: (e) => { e.preventDefault(); save('away'); } },
    h('label', {}, h('span', { class: 'label' }, '去向'), where),
    h('label', {}, h('span', { class: 'label' }, '事由'), why),
    h('label', {}, h('span', { class: 'label' }, '预计返回'), back), backError,
    h('label', {}, h('span', { class: 'label' }, '联系电话'), phone), phoneError,
    h('button', { type: 'submit', class: 'primary big', id: 'away-save' }, '保存外出信息'));

  const buttons = windowStatuses.map(([value, text]) => h('button', {
    type: 'button', id: `status-${value}`, class: `big status-button ${value}`, 'aria-pressed': String(w.status === value),
    onclick: () => {
      if (value === 'away') { mark('away'); awayForm.hidden = false; where.focus(); return; }
      save(value);
    },
  }, text));
  const mark = (value) => buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.id === `status-${value}`)));

  async function save(status) {
    if (status === 'away' && !(checkBack() & checkPhone())) {
      replace(note, '请修改标红的项后再保存');
      note.className = 'note error';
      return;
    }
    const body = status === 'away'
      ? { status, away: { where: where.value.trim(), why: why.value.trim(), back_at: back.value, phone: phone.value.trim() } }
      : { status, away: { where: '', why: '', back_at: '', phone: '' } };
    replace(note, '保存中…');
    try {
      w = await api('PUT', `/api/windows/${id}/status`, body);
      mark(w.status);
      awayForm.hidden = w.status !== 'away';
      current.className = `status ${w.status}`;
      replace(current, await describe(w));
      replace(note, `已更新（${hallClock()}），窗口屏随即显示`);
      note.className = 'note ok';
    } catch (e) {
      const slot = { 'away.phone': [phone, phoneError], 'away.back_at': [back, backError] }[e.field];
      if (slot) { replace(slot[1], errorText(e)); slot[0].classList.add('invalid'); }
      replace(note, errorText(e));
      note.className = 'note error';
    }
  }

  replace(main,
    h('header', { class: 'window-head' }, h('h1', {}, `${w.number}号窗口`), h('div', { class: 'muted' }, w.business)),
    h('section', { class: 'panel' }, h('div', { class: 'label' }, '当前状态'), current),
    h('div', { class: 'status-buttons' }, buttons),
    awayForm, note,
    h('footer', {}, h('span', { class: 'muted' }, user()?.username || ''), ' ',
      h('button', { type: 'button', class: 'link', id: 'change-password', onclick: () => changePassword(id) }, '修改密码'), ' ',
      logoutButton()));
}

// One's own password, then back to the window.
async function changePassword(id) {
  const root = h('div');
  replace(main, root, h('button', { type: 'button', class: 'big', onclick: () => show(id) }, '返回'));
  await passwordPage(root);
}

window.addEventListener('gongshi:logged-out', () => showLogin('登录已过期，请重新登录'));

startPage(main, start);
