// 告警 (admin, on the users page): after how long an offline screen is reported, the group robot
// (企业微信/钉钉) and the mail server, a test message per channel, and the latest alerts.
import { h, replace } from '../dom.js';
import { api, get, errorText } from '../api.js';
import { Form, text, number, checkbox } from '../form.js';

const kinds = { offline: '离线', online: '恢复在线', program: '节目写入失败', disk: '磁盘已满', test: '测试' };
const result = (r) => (r === 'sent' ? '已发送' : r === 'pending' ? '发送中' : r ? r.replace(/^failed: /, '失败：') : '—');

export function alertsPanel() {
  const form = new Form();
  const i = {
    minutes: number('', { id: 'alert-minutes', min: 1, max: 10080 }),
    webhook: text('', { id: 'alert-webhook', placeholder: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…', autocomplete: 'off' }),
    host: text('', { id: 'alert-smtp-host', autocomplete: 'off' }),
    port: number('', { id: 'alert-smtp-port', min: 1, max: 65535 }),
    starttls: checkbox(false, { id: 'alert-smtp-starttls' }),
    from: text('', { id: 'alert-smtp-from', autocomplete: 'off' }),
    to: text('', { id: 'alert-smtp-to', placeholder: '多个地址用逗号分隔', autocomplete: 'off' }),
    user: text('', { id: 'alert-smtp-user', autocomplete: 'off' }),
    password: text('', { type: 'password', id: 'alert-smtp-password', autocomplete: 'new-password' }),
  };
  const passwordHint = h('span', {});
  const listEl = h('div', { id: 'alert-list' });
  const testNote = { webhook: h('span', { class: 'muted', id: 'alert-test-webhook' }), email: h('span', { class: 'muted', id: 'alert-test-email' }) };

  function show(s) {
    i.minutes.value = Math.max(1, Math.round(s.offline_seconds / 60));
    i.webhook.value = s.webhook_url || '';
    i.host.value = s.smtp_host || '';
    i.port.value = s.smtp_port || 25;
    i.starttls.checked = !!s.smtp_starttls;
    i.from.value = s.smtp_from || '';
    i.to.value = (s.smtp_to || []).join(', ');
    i.user.value = s.smtp_user || '';
    i.password.value = '';
    replace(passwordHint, s.smtp_password_set ? '已设置；留空则不改' : '未设置');
  }

  async function load() {
    try {
      show(await get('/api/alerts/settings'));
      const recent = await get('/api/alerts');
      const items = recent.items || [];
      replace(listEl, items.length ? h('table', { class: 'list' },
        h('thead', {}, h('tr', {}, ['时间', '类型', '内容', '群机器人', '邮件'].map((t) => h('th', {}, t)))),
        h('tbody', {}, items.slice(0, 20).map((a) => h('tr', {}, h('td', {}, a.at), h('td', {}, kinds[a.kind] || a.kind),
          h('td', {}, a.text), h('td', {}, result(a.webhook)), h('td', {}, result(a.email))))))
        : h('p', { class: 'muted' }, '还没有告警。'));
    } catch (e) {
      form.error(e);
    }
  }

  async function save(e) {
    e.preventDefault();
    form.clear();
    const minutes = Number(i.minutes.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10080) {
      form.message('离线告警时间应为1到10080之间的整数（分钟）', 'error');
      return;
    }
    const body = {
      offline_seconds: minutes * 60, webhook_url: i.webhook.value.trim(), smtp_host: i.host.value.trim(),
      smtp_port: Number(i.port.value) || 25, smtp_starttls: i.starttls.checked, smtp_from: i.from.value.trim(),
      smtp_to: i.to.value.split(/[,，;；\s]+/).map((x) => x.trim()).filter(Boolean), smtp_user: i.user.value.trim(),
    };
    if (i.password.value) body.smtp_password = i.password.value;
    try {
      show(await api('PUT', '/api/alerts/settings', body));
      form.message('告警设置已保存');
    } catch (err) { form.error(err); }
  }

  async function test(channel) {
    replace(testNote[channel], '发送中…');
    testNote[channel].className = 'muted';
    try {
      await api('POST', '/api/alerts/test', { channel });
      replace(testNote[channel], '测试消息已发送，请查看是否收到');
      testNote[channel].className = 'ok';
    } catch (e) {
      replace(testNote[channel], `发送失败：${errorText(e)}`);
      testNote[channel].className = 'error';
    }
    load();
  }

  const panel = h('form', { class: 'record panel', id: 'alerts', onsubmit: save }, h('h3', {}, '告警'),
    h('p', { class: 'muted' }, '屏幕离线超过设定时间、节目写入失败、服务器磁盘已满时，发消息到群机器人和邮箱；屏幕恢复时也会通知。每次故障只发一次。'),
    form.banner,
    h('div', { class: 'row' }, form.field('离线告警时间（分钟）', i.minutes, 'offline_seconds')),
    h('div', { class: 'row' }, form.field('群机器人地址（企业微信或钉钉 Webhook）', i.webhook, 'webhook_url',
      '钉钉机器人若设了关键词，请设为“告警”或中心名称')),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'alert-test-webhook-button', onclick: () => test('webhook') }, '发送测试'),
      testNote.webhook),
    h('div', { class: 'row' }, form.field('邮件服务器', i.host, 'smtp_host'), form.field('端口', i.port, 'smtp_port'),
      form.field('STARTTLS 加密', i.starttls, 'smtp_starttls')),
    h('div', { class: 'row' }, form.field('发件人', i.from, 'smtp_from'), form.field('收件人', i.to, 'smtp_to')),
    h('div', { class: 'row' }, form.field('登录用户名', i.user, 'smtp_user', '不需要登录的服务器留空'),
      form.field('登录密码', i.password, 'smtp_password', passwordHint)),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'alert-test-email-button', onclick: () => test('email') }, '发送测试'),
      testNote.email),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'alert-save' }, '保存告警设置')),
    h('h4', {}, '最近的告警'), listEl);
  load();
  return panel;
}
