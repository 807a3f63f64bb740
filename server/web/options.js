// A screen's options as rows of a chosen option and its value, not JSON: the options gongshi and
// the protocols read, by their Chinese names with what a value looks like, and "其他" for a key
// typed by an engineer. Values are texts, as the server keeps them; it checks each on save and
// names `options.<key>` when one is wrong.
import { h, replace, select } from './dom.js';

export const knownOptions = [
  ['brightness', '固定亮度', '0到15，如 10'],
  ['brightness_schedule', '分时亮度', '如 07:00=15,19:00=6'],
  ['on_off', '开关屏时间', '如 07:30-18:00'],
  ['card_address', '控制卡地址', '0到65535，出厂一般为 1'],
  ['module_size', '单元板大小（点）', '节目编辑的网格，如 16 或 32'],
  ['flash_kb', '控制卡节目存储（KB）', '默认 1024'],
  ['text', '文字发送方式', 'pictures：全部按图片发送'],
  ['fps', '每秒帧数', '像素控制器与网页播放器，1到60'],
  ['calls', '叫号显示', 'hall：全厅叫号；window：本屏节目中的窗口（默认）；off：不显示'],
  ['tags', '标签', '用英文逗号隔开，如 串口,大厅（服务器 --drive tag=串口 只驱动带该标签的屏）'],
  ['device', '控制卡型号（bx-6）', '如 6Q1'],
  ['pixels', '像素格式（bx-6）', 'planes 或 rgb888'],
  ['packet', '每包字节数（bx-6）', '如 300'],
  ['dynamic', '动态区（bx-6）', ''],
];
const other = '__other';

// The editor for `initial` (an object of texts). `el` is its element, `value()` the object now.
export function optionsEditor(initial) {
  const rows = [];
  const list = h('div', { class: 'option-rows' });
  const addButton = h('button', { type: 'button', class: 'secondary', id: 'option-add' }, '添加选项');

  function addRow(key = 'brightness', value = '') {
    const known = knownOptions.some(([k]) => k === key);
    const choice = select({ class: 'option-key' }, [...knownOptions.map(([k, name]) => [k, name]), [other, '其他（填写选项名）']],
      known ? key : other);
    const custom = h('input', { type: 'text', class: 'option-custom', placeholder: '选项名（英文）', value: known ? '' : key });
    const input = h('input', { type: 'text', class: 'option-value', value: String(value ?? '') });
    const remove = h('button', { type: 'button', class: 'link danger' }, '删除');
    const row = { choice, custom, input };
    const el = h('div', { class: 'option-row' }, choice, custom, input, remove);
    const sync = () => {
      custom.hidden = choice.value !== other;
      input.placeholder = knownOptions.find(([k]) => k === choice.value)?.[2] || '值';
    };
    choice.addEventListener('change', sync);
    remove.addEventListener('click', () => { rows.splice(rows.indexOf(row), 1); el.remove(); });
    sync();
    rows.push(row);
    list.append(el);
  }

  for (const [k, v] of Object.entries(initial || {})) addRow(k, v);
  addButton.addEventListener('click', () => {
    const used = new Set(rows.map((r) => r.choice.value));
    addRow(knownOptions.find(([k]) => !used.has(k))?.[0] || other, '');
  });
  const el = h('div', { class: 'options-editor' }, list, addButton);
  return {
    el,
    value() {
      const out = {};
      for (const r of rows) {
        const key = (r.choice.value === other ? r.custom.value : r.choice.value).trim();
        if (key) out[key] = r.input.value.trim();
      }
      return out;
    },
    reset(values) { rows.length = 0; replace(list); for (const [k, v] of Object.entries(values || {})) addRow(k, v); },
  };
}
