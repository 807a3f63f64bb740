// The first run of a new install: while the server holds neither a centre nor a user, the admin
// page asks for the centre's kind and place names (its name is the standard one the server makes
// of them) and the first admin, then logs that admin in. Only a browser on the server's own
// machine may do it; elsewhere the page says where to go.
import { h, replace, select } from './dom.js';
import { ApiError, api, adopt, get } from './api.js';
import { Form, text } from './form.js';

// Kind -> its label and the place names its standard name is made of (records/CentreNaming.h).
export const centreKinds = [
  ['township-centre', '乡镇便民服务中心', ['township']],
  ['merged-township-station', '撤并乡镇便民服务站', ['township', 'station']],
  ['village-room', '村便民服务室', ['village']],
  ['street-centre', '街道便民服务中心', ['county', 'street']],
  ['merged-street-station', '撤并街道便民服务站', ['county', 'street', 'station']],
  ['community-room', '社区便民服务室', ['village']],
];

const places = [
  ['county', '县（市、区）', '如：临江县'],
  ['township', '乡镇', '如：柳树镇'],
  ['street', '街道', '如：城关街道'],
  ['station', '撤并乡镇（街道）', '如：白沙'],
  ['village', '村（社区）', '如：杨家村'],
];

// The server's answer to GET /api/setup: {open, local}, or null when it cannot say.
export async function setupState() {
  try { return await get('/api/setup'); } catch { return null; }
}

export function setupPage(main, state, onDone) {
  if (!state.local) {
    replace(main, h('div', { class: 'panel', id: 'setup' }, h('h2', {}, '首次设置'),
      h('p', {}, '本系统还没有建立便民服务中心。首次设置只能在服务器所在的电脑上进行：请在那台电脑的浏览器中打开本页，或在那台电脑上用 gongshi init 建立中心。')));
    return;
  }
  const form = new Form();
  const kind = select({ id: 'setup-kind' }, centreKinds.map(([k, label]) => [k, label]), 'township-centre');
  const inputs = Object.fromEntries(places.map(([k]) => [k, text('', { id: `setup-${k}` })]));
  const admin = text('', { id: 'setup-admin', autocomplete: 'username', autocapitalize: 'off' });
  const pass = h('input', { id: 'setup-password', type: 'password', autocomplete: 'new-password' });
  const again = h('input', { id: 'setup-password-again', type: 'password', autocomplete: 'new-password' });
  const rows = Object.fromEntries(places.map(([k, label, hint]) => [k, form.field(label, inputs[k], k, hint)]));
  const showPlaces = () => {
    const needed = centreKinds.find(([k]) => k === kind.value)[2];
    for (const [k] of places) rows[k].hidden = !needed.includes(k);
  };
  kind.addEventListener('change', showPlaces);
  showPlaces();
  const submit = h('button', { type: 'submit', class: 'primary', id: 'setup-submit' }, '建立中心');
  const el = h('form', { class: 'panel setup', id: 'setup', onsubmit: async (e) => {
    e.preventDefault();
    form.clear();
    if (pass.value !== again.value) {
      form.error(new ApiError(400, '两次输入的密码不一致', 'password-again'));
      return;
    }
    const needed = centreKinds.find(([k]) => k === kind.value)[2];
    const body = { kind: kind.value, admin: admin.value.trim(), password: pass.value };
    for (const k of needed) body[k] = inputs[k].value.trim();
    submit.disabled = true;
    try {
      const answer = await api('POST', '/api/setup', body);
      adopt(answer);
      onDone(answer);
    } catch (err) {
      // The admin's name is the users' "username" to the server.
      if (err.field === 'username') err.field = 'admin';
      form.error(err);
    } finally {
      submit.disabled = false;
    }
  } },
  h('h2', {}, '首次设置：建立便民服务中心'),
  h('p', { class: 'hint' }, '中心的名称按全省统一的名称规范由类型和地名生成；管理员用这里设的用户名和密码登录，再添加其他工作人员。'),
  form.banner,
  form.field('类型', kind, 'kind'),
  ...places.map(([k]) => rows[k]),
  form.field('管理员用户名', admin, 'admin'),
  form.field('密码（至少 8 位）', pass, 'password'),
  form.field('再次输入密码', again, 'password-again'),
  submit);
  replace(main, el);
  kind.focus();
}
