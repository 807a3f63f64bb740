// Screens as they are: their health (GET /api/health, asked again every 5 s while shown) and their
// picture as it was actually delivered (WebSocket /api/screens/{id}/live), drawn as LEDs. Used by
// the screens list, each screen's page and the wall of all screens (#/live).
import { h, replace, when, serverMs } from './dom.js';
import { get, errorText } from './api.js';
import { ledCanvas, frameSocket } from './ledcanvas.js';

// ---- health ------------------------------------------------------------------------------------

// "2026-11-27T03:12:33Z" -> "12 秒前", "5 分钟前", or the date and time when longer ago.
function ago(text) {
  if (!text) return '从未';
  const t = new Date(text).getTime();
  if (Number.isNaN(t)) return String(text);
  const s = Math.max(0, Math.round((serverMs() - t) / 1000));
  if (s < 60) return `${s} 秒前`;
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  return when(text, true);
}

function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = Number(n) || 0, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i ? v.toFixed(v < 10 ? 1 : 0) : v} ${units[i]}`;
}

// The scheduler's words for what a screen shows ("program 3", "default", "urgent notice 11 12", "broadcast 4"),
// in Chinese, with links to the records.
function showing(source) {
  if (!source) return '—';
  if (source === 'default') return '默认节目';
  let m = /^program (\d+)$/.exec(source);
  if (m) return h('a', { href: `#/programs/${m[1]}` }, `节目 #${m[1]}`);
  m = /^urgent notice((?: \d+)*)$/.exec(source);
  if (m) {
    const ids = m[1].trim().split(' ').filter(Boolean);
    return ['紧急公告 ', ids.map((id, i) => [i ? '、' : '', h('a', { href: `#/notices/${id}` }, `#${id}`)])];
  }
  m = /^broadcast (\d+)$/.exec(source);
  if (m) return h('a', { href: '#/broadcast', class: 'error' }, `紧急插播 #${m[1]}`);
  return source;
}

// Device errors come from the server in English; the usual opening is said in Chinese, the
// details (address, system message) are kept as they are for whoever fixes the cable.

// One screen's health as separate pieces (for table cells or a panel); fill(item, error) updates them.
export function healthView() {
  const v = {
    badge: h('span', { class: 'health-badge unknown' }, '…'),
    seen: h('span', { class: 'health-seen' }),
    error: h('div', { class: 'health-error' }),
    showing: h('span', { class: 'health-showing' }),
    sent: h('span', { class: 'health-sent' }),
  };
  v.fill = (item, err) => {
    if (err || !item) {
      v.badge.className = 'health-badge unknown';
      replace(v.badge, err ? '未知' : '未驱动');
      // 404 on /api/health: this server was started without delivery.
      replace(v.error, err ? (err.status === 404 ? '本服务器未驱动显示屏' : errorText(err)) : '');
      for (const k of ['seen', 'showing', 'sent']) replace(v[k]);
      return;
    }
    v.badge.className = `health-badge ${item.online ? 'online' : 'offline'}`;
    replace(v.badge, item.online ? '在线' : '离线');
    replace(v.seen, ago(item.last_seen));
    v.seen.title = item.last_seen || '';
    if (item.last_error) {
      v.error.className = 'health-error';
      replace(v.error, item.last_error); // the server words it; the transport's own words in the tooltip
      v.error.title = item.last_error_detail || '';
    } else {
      // A web screen is online only while a player (or a live view) watches it.
      v.error.className = 'health-error muted';
      replace(v.error, item.protocol === 'web' && !item.online ? '没有打开的播放器' : '');
    }
    replace(v.showing, showing(item.showing));
    replace(v.sent, bytes(item.bytes_sent),
      item.frames_sent ? ` · ${item.frames_sent} 帧` : item.commands_sent ? ` · ${item.commands_sent} 条命令` : '',
      item.programs_written ? ` · 节目写入闪存 ${item.programs_written} 次` : '');
    v.sent.title = item.delivered_at ? `内容第 ${item.delivered_version} 次送达：${ago(item.delivered_at)}` : '';
  };
  return v;
}

// The pieces as a labelled list, for a tile or a side panel (the badge may stand elsewhere).
export function healthList(v, withBadge = true) {
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', { class: 'health' }, withBadge && row('状态', v.badge), row('最后响应', v.seen), row('正在显示', v.showing),
    row('已发送', v.sent), row('最近错误', v.error));
}

// GET /api/health now and every 5 s while `el` is in the document (the view was not left) and
// the tab is visible; show(Map screen id -> health) or show(null, error).
export function pollHealth(el, show) {
  async function tick() {
    if (!el.isConnected) return;
    if (!document.hidden) {
      try {
        const { items = [] } = await get('/api/health');
        show(new Map(items.map((i) => [i.screen_id, i])));
      } catch (e) {
        show(null, e);
      }
    }
    if (el.isConnected) setTimeout(tick, 5000);
  }
  tick();
}

// ---- live pictures -----------------------------------------------------------------------------

// Live views open now. Each holds one of the server's few WebSocket slots (and one of its
// threads), so it is closed as soon as its view is left: right after a route change, and within
// a few seconds when a view goes without one (an edit page reloaded, the login form after a
// lapsed session).
const open = new Set();
let sweeper = 0;

function sweep() {
  for (const v of open) {
    if (v.el.isConnected) v.attached = true;
    else if (v.attached || !v.root.isConnected) { v.stop(); open.delete(v); }
  }
  if (!open.size) { clearInterval(sweeper); sweeper = 0; }
}
addEventListener('hashchange', () => setTimeout(sweep, 0));

// One screen's live picture inside view `root`, pixel exact: each LED is a whole number of CSS
// pixels, drawn as a dot at the device's resolution. The number aims at about 600 px across
// within room(), at most 8, and at least 2 for all but very wide screens, so the dots show; where
// that is wider than the room, the picture is shown shrunk to the room's width. -> {el, stop()}
export function liveScreen(root, screen, room = () => 540) {
  const canvas = h('canvas', { class: 'led live', id: `live-${screen.id}`, 'aria-label': `${screen.name} 实时画面` });
  const frame = h('div', { class: 'led-frame', hidden: true }, canvas);
  const note = h('div', { class: 'live-note' }, '连接中…');
  const el = h('div', { class: 'live' }, frame, note);
  const dpr = Math.ceil(window.devicePixelRatio || 1);
  let scale = 1, up = false, drawn = false;
  const say = () => replace(note, !up ? (drawn ? '连接中断，正在重连…' : '连接中…')
    : drawn ? '' : '尚无画面：该屏还没有收到内容（设备未连接时不会有画面）');

  const led = ledCanvas(canvas, (w) => {
    scale = Math.max(w <= 640 ? 2 : 1, Math.min(8, Math.round(600 / w), Math.floor(room() / w)));
    return scale * dpr;
  }, ({ width, height }) => {
    if (screen.protocol === 'web') scale = 1; // a television: its own pixels, shown shrunk
    // Set through the CSSOM: the page's CSP allows no style attributes. Never wider than its
    // column: a large screen (the 384x192 TV) is drawn sharp and shown shrunk to fit.
    const shown = Math.min(scale, Math.max(room(), 1) / width);
    canvas.style.width = `${width * shown}px`;
    canvas.style.height = `${height * shown}px`;
    frame.hidden = false;
    drawn = true;
    say();
  }, { plain: () => screen.protocol === 'web' });
  const socket = frameSocket(`/api/screens/${screen.id}/live`, {
    onframe: (blob) => led.show(blob),
    onstate: (state) => { up = state; say(); },
  });
  const view = { el, root, attached: false, stop: socket.stop };
  open.add(view);
  if (!sweeper) sweeper = setInterval(sweep, 3000);
  return view;
}

// The side panel of a screen's page: its health and live picture, once it is saved.
export function livePanel(root) {
  const health = healthView();
  const body = h('div', {}, h('p', { class: 'muted' }, '保存后显示'));
  const el = h('section', { class: 'panel live-panel' }, h('h3', {}, '实时画面（屏上实际显示）'), body);
  let shown = 0;
  function show(screen) {
    if (!screen?.id || shown === screen.id) return;
    shown = screen.id;
    replace(body, healthList(health), liveScreen(root, screen, () => el.clientWidth - 40).el,
      screen.protocol === 'web' ? h('p', {}, '在电视的浏览器中打开 ',
        h('a', { href: `/player/${screen.id}`, target: '_blank', rel: 'noopener' }, `${location.origin}/player/${screen.id}`),
        '，该电视即成为此屏。') : null);
    pollHealth(el, (byId, err) => health.fill(byId?.get(screen.id), err));
  }
  return { el, show };
}

// #/live: every screen's live picture and health on one page.
export async function page(root) {
  const wall = h('div', { class: 'live-wall' });
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '全部屏幕 · 实时画面'),
    h('a', { class: 'button', href: '#/screens' }, '显示屏列表')), wall);
  const { items = [] } = await get('/api/screens?limit=1000');
  if (!root.isConnected) return; // left while loading: open nothing
  if (!items.length) { wall.append(h('p', { class: 'muted' }, '还没有显示屏')); return; }
  const views = new Map();
  for (const s of items) {
    const health = healthView();
    views.set(s.id, health);
    wall.append(h('section', { class: 'panel live-tile', dataset: { id: s.id } },
      h('h3', {}, h('a', { href: `#/screens/${s.id}` }, s.name), ' ', health.badge),
      h('div', { class: 'muted' }, `${s.location || '—'} · ${s.width}×${s.height} 点 · ${s.protocol}`),
      liveScreen(root, s, () => wall.clientWidth - 40).el,
      healthList(health, false)));
  }
  pollHealth(root, (byId, err) => { for (const [id, v] of views) v.fill(byId?.get(id), err); });
}
