// 显示屏: size, colours, font, protocol and address, each screen's health; beside a screen, its
// live picture as delivered and what its program shows now.
import { h, replace, select } from '../dom.js';
import { request, errorText } from '../api.js';
import { listPage } from '../list.js';
import { editPage, defaultCentreId } from '../editor.js';
import { text, number, intOrNull } from '../form.js';
import { colors, fontProfiles, label } from '../labels.js';
import { scaleFor, pageButtons } from '../led.js';
import { healthView, pollHealth, livePanel } from '../live.js';
import { addressPicker } from '../address.js';
import { optionsEditor } from '../options.js';

const protocols = [['bx-k', 'bx-k（仰邦 BX-5K/6K 字库卡）'], ['bx-6', 'bx-6（仰邦 6E/6Q 图形卡）'],
  ['alpha', 'alpha（Alpha/BetaBrite）'], ['ddp', 'ddp（WLED/FPP 像素控制器）'], ['web', 'web（网页播放器）']];

// The list with each screen's health beside it, refreshed every 5 s while shown.
export async function list(root, params) {
  const health = new Map(); // screen id -> its cells, made as listPage draws the rows
  const cells = (s) => {
    if (!health.has(s.id)) health.set(s.id, healthView());
    return health.get(s.id);
  };
  await listPage(root, {
    title: '显示屏', collection: 'screens', params, newLabel: '新建显示屏',
    tools: h('a', { class: 'button', href: '#/live', id: 'live-wall-link' }, '全部屏幕实时画面'),
    columns: [
      { label: '名称', value: (s) => s.name },
      { label: '位置', value: (s) => s.location },
      { label: '尺寸（点）', value: (s) => `${s.width}×${s.height}` },
      { label: '色彩', value: (s) => label(colors, s.color) },
      { label: '协议 / 地址', value: (s) => [s.protocol, h('div', { class: 'muted small' }, s.address)] },
      { label: '状态', value: (s) => cells(s).badge },
      { label: '最后响应', value: (s) => cells(s).seen },
      { label: '最近错误', value: (s) => cells(s).error },
      { label: '正在显示', value: (s) => cells(s).showing },
      { label: '已发送', value: (s) => cells(s).sent },
    ],
  });
  if (health.size) pollHealth(root, (byId, err) => { for (const [id, v] of health) v.fill(byId?.get(id), err); });
}

// GET /api/screens/{id}/preview.png: the screen's program as it shows now, page by page.
export function screenPreview() {
  const img = h('img', { class: 'led', alt: '显示屏当前内容' });
  const pager = h('div', { class: 'led-pages' });
  const note = h('div', { class: 'led-status' });
  const el = h('section', { class: 'panel' }, h('h3', {}, '屏上当前内容'), h('div', { class: 'led-frame' }, img), pager, note);
  let url = '';
  async function show(s, page = 0) {
    if (!s?.id) { replace(note, '保存后显示'); return; }
    try {
      const res = await request('GET', `/api/screens/${s.id}/preview.png?page=${page}&scale=${scaleFor(s.width)}`, undefined, { Accept: 'image/png' });
      const pages = Number(res.headers.get('X-Pages') || 1);
      const missing = res.headers.get('X-Missing') || '';
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(await res.blob());
      img.src = url;
      replace(pager, pageButtons(pages, page, (i) => show(s, i)));
      replace(note, `共 ${pages} 页`, missing ? h('span', { class: 'error' }, ` · 缺字：${missing}`) : '');
    } catch (e) {
      replace(note, `无法预览：${errorText(e)}`);
    }
  }
  return { el, show };
}

export function edit(root, id) {
  let inputs;
  return editPage(root, {
    collection: 'screens', id, noun: '显示屏', titleOf: (s) => s.name,
    blank: async () => ({ centre_id: await defaultCentreId(), name: '', location: '', width: 128, height: 32,
      color: 'red-green', font_profile: 'led16', protocol: 'bx-k', address: '', options: {} }),
    build(s, form) {
      inputs = {
        name: text(s.name), location: text(s.location),
        width: number(s.width, { min: 1, max: 4096 }), height: number(s.height, { min: 1, max: 4096 }),
        color: select({}, colors, s.color), font: select({}, fontProfiles, s.font_profile),
        protocol: select({ id: 'screen-protocol' }, protocols, s.protocol),
        options: optionsEditor(s.options),
      };
      const optionsNow = () => inputs.options.value();
      inputs.address = addressPicker(form, s.address, () => inputs.protocol.value, optionsNow);
      inputs.protocol.addEventListener('change', () => inputs.address.setProtocol(inputs.protocol.value));
      return {
        el: h('div', { class: 'fields' },
          h('div', { class: 'row' }, form.field('名称', inputs.name, 'name'), form.field('位置', inputs.location, 'location')),
          h('div', { class: 'row' }, form.field('宽（点）', inputs.width, 'width'), form.field('高（点）', inputs.height, 'height')),
          h('div', { class: 'row' }, form.field('色彩', inputs.color, 'color'), form.field('字体', inputs.font, 'font_profile')),
          form.field('通信协议', inputs.protocol, 'protocol'), inputs.address.el,
          form.field('协议选项', inputs.options.el, 'options')),
        collect: (cur) => ({ ...cur, name: inputs.name.value, location: inputs.location.value,
          width: intOrNull(inputs.width.value), height: intOrNull(inputs.height.value), color: inputs.color.value,
          font_profile: inputs.font.value, protocol: inputs.protocol.value, address: inputs.address.value(),
          options: inputs.options.value() }),
      };
    },
    side() {
      const live = livePanel(root);
      const preview = screenPreview();
      return { panels: [live.el, preview.el], saved: (r) => { live.show(r); preview.show(r); } };
    },
  });
}
