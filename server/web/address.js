// A screen's address built from a transport picker instead of typed whole: the serial port from
// the server's list (GET /api/ports) and the baud rate from the rates cards are set to, a TCP or
// UDP host and port, or the web player. What is typed wrong is said at once beside the field, in
// Chinese; the server refuses the same at save time (server/ScreenLinks.cpp). "测试连接" asks the
// card at the address (POST /api/screens/test-link) and shows its answer.
import { h, replace } from './dom.js';
import { api, get, errorText, ApiError } from './api.js';

const transports = [['serial', '串口'], ['tcp', '网口（TCP）'], ['udp', 'UDP'], ['web', '网页播放器']];
const defaultBauds = [9600, 19200, 38400, 57600, 115200];
let portsAsked = null; // one listing per page load

// "serial:/dev/ttyUSB0@9600,8N1" -> parts; anything else keeps its text for the error to quote.
export function parseAddress(address) {
  const a = String(address || '').trim();
  let m = /^serial:([^@]*)(?:@(\d*))?((?:,.*)?)$/i.exec(a);
  if (m) return { transport: 'serial', device: m[1], baud: m[2] || '', extra: m[3] || '' };
  m = /^(tcp|udp):(.*)$/i.exec(a);
  if (m) {
    const rest = m[2];
    const cut = rest.lastIndexOf(':');
    return { transport: m[1].toLowerCase(), host: cut >= 0 ? rest.slice(0, cut) : rest, port: cut >= 0 ? rest.slice(cut + 1) : '' };
  }
  if (/^web:$/i.test(a)) return { transport: 'web' };
  return { transport: '', raw: a };
}

const hostPattern = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.%A-Za-z_-]+\])$/;

// The address the parts make, or an ApiError naming `address` with what is wrong, in Chinese.
export function buildAddress(p) {
  const refuse = (text) => { throw new ApiError(400, text, 'address'); };
  switch (p.transport) {
    case 'web': return 'web:';
    case 'serial': {
      const device = (p.device || '').trim();
      if (!device) refuse('请选择或填写串口，如 /dev/ttyUSB0');
      if (!device.startsWith('/dev/')) refuse(`串口“${device}”应为设备路径，如 /dev/ttyUSB0`);
      if (!/^\d+$/.test(String(p.baud || ''))) refuse('请选择波特率');
      return `serial:${device}@${p.baud}${p.rs485 ? ',rs485' : ''}${p.extra || ''}`.replace(/,rs485(.*),rs485/, ',rs485$1');
    }
    case 'tcp':
    case 'udp': {
      const host = (p.host || '').trim();
      const port = String(p.port ?? '').trim();
      if (!host) refuse('请填写主机（控制卡的 IP 地址），如 192.168.1.20');
      if (!hostPattern.test(host)) refuse(`主机“${host}”应为 IP 地址或主机名（IPv6 地址写在方括号中）`);
      if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) refuse(`端口“${port}”应为1到65535之间的整数`);
      return `${p.transport}:${host}:${Number(port)}`;
    }
    default:
      return refuse(p.raw ? `地址“${p.raw}”没有写明连接方式：请在“连接方式”中选择串口、网口、UDP 或网页播放器`
        : '请选择连接方式');
  }
}

// The picker for a screen. `form` registers the error slot of `address`; `protocolOf()` and
// `optionsOf()` give the form's protocol and options for the connection test.
export function addressPicker(form, initial, protocolOf, optionsOf) {
  const p = parseAddress(initial);
  const rs485 = /,rs485/i.test(p.extra || '');
  const extra = (p.extra || '').replace(/,rs485/ig, '');
  const transport = h('select', { id: 'address-transport', 'aria-label': '连接方式' },
    h('option', { value: '', selected: !p.transport }, '请选择连接方式'),
    transports.map(([v, l]) => h('option', { value: v, selected: v === p.transport }, l)));
  const portList = h('datalist', { id: 'address-ports' });
  const device = h('input', { type: 'text', id: 'address-device', list: 'address-ports', value: p.device || '', placeholder: '/dev/ttyUSB0', 'aria-label': '串口' });
  const baud = h('select', { id: 'address-baud', 'aria-label': '波特率' },
    h('option', { value: '' }, '请选择'), defaultBauds.map((b) => h('option', { value: b, selected: String(b) === String(p.baud) }, String(b))));
  const rs = h('input', { type: 'checkbox', id: 'address-rs485', checked: rs485 });
  const host = h('input', { type: 'text', id: 'address-host', value: p.host || '', placeholder: '192.168.1.20', 'aria-label': '主机' });
  const port = h('input', { type: 'number', id: 'address-port', value: p.port || '', min: 1, max: 65535, inputmode: 'numeric', placeholder: '5005', 'aria-label': '端口' });
  const shown = h('code', { id: 'address-shown' });
  const result = h('span', { id: 'link-test-result', role: 'status', class: 'muted' });
  const test = h('button', { type: 'button', id: 'link-test' }, '测试连接');

  const serialRow = h('div', { class: 'row' },
    h('label', {}, h('span', { class: 'label' }, '串口'), device, portList),
    h('label', {}, h('span', { class: 'label' }, '波特率'), baud),
    h('label', { class: 'inline' }, rs, 'RS-485'));
  const netRow = h('div', { class: 'row' },
    h('label', {}, h('span', { class: 'label' }, '主机'), host),
    h('label', {}, h('span', { class: 'label' }, '端口'), port));
  const webNote = h('p', { class: 'hint' }, '网页播放器：在电视的浏览器中打开 /player/屏幕编号，无需地址。');
  const el = h('fieldset', { class: 'address-picker' }, h('legend', {}, '地址'),
    h('label', {}, h('span', { class: 'label' }, '连接方式'), transport),
    serialRow, netRow, webNote,
    h('div', { class: 'hint' }, '地址：', shown),
    form.slot('address', transport),
    h('div', { class: 'link-test' }, test, ' ', result));

  const parts = () => ({ transport: transport.value, device: device.value, baud: baud.value, rs485: rs.checked, extra,
    host: host.value, port: port.value, raw: p.raw });
  const slot = () => form.find('address');

  // Checks as one types: the message beside the field at once, the field marked.
  function check() {
    const s = slot();
    for (const i of [transport, device, baud, host, port]) i.classList.remove('invalid');
    try {
      const a = buildAddress(parts());
      replace(shown, a);
      replace(s.slot);
      return a;
    } catch (e) {
      replace(shown, '—');
      replace(s.slot, errorText(e));
      const t = transport.value;
      const bad = !t ? transport : t === 'serial' ? (/波特率/.test(e.message) ? baud : device)
        : /端口/.test(e.message) ? port : host;
      bad.classList.add('invalid');
      return null;
    }
  }

  function showParts() {
    const t = transport.value;
    serialRow.hidden = t !== 'serial';
    netRow.hidden = t !== 'tcp' && t !== 'udp';
    webNote.hidden = t !== 'web';
    test.hidden = t === 'web' || !t;
  }

  for (const i of [device, host, port]) i.addEventListener('input', check);
  for (const i of [transport, baud, rs]) i.addEventListener('change', () => { showParts(); check(); });
  showParts();
  replace(shown, initial || '—');
  if (initial) check();

  test.addEventListener('click', async () => {
    const address = check();
    if (!address) return;
    test.disabled = true;
    result.className = 'muted';
    replace(result, '正在连接…');
    try {
      const answer = await api('POST', '/api/screens/test-link', { protocol: protocolOf(), address, options: optionsOf() });
      result.className = answer.answered ? 'ok' : 'error';
      replace(result, answer.message);
    } catch (e) {
      result.className = 'error';
      replace(result, errorText(e));
    } finally {
      test.disabled = false;
    }
  });

  if (!portsAsked) portsAsked = get('/api/ports').catch(() => ({ items: [], bauds: defaultBauds }));
  portsAsked.then(({ items = [] }) => {
    replace(portList, items.map((x) => h('option', { value: x.name }, [x.description, x.usb_id && `USB ${x.usb_id}`].filter(Boolean).join(' · '))));
    if (!device.value && items.length) device.value = items[0].name;
  });

  return {
    el,
    // For protocol web the picker says web: itself.
    setProtocol(protocol) {
      if (protocol === 'web') transport.value = 'web';
      else if (transport.value === 'web') transport.value = '';
      showParts();
      check();
    },
    // The address to save, or an ApiError naming `address`.
    value: () => buildAddress(parts()),
  };
}
