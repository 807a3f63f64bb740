// The web player: a TV's browser at /player/{id} becomes screen {id} (protocol "web"). No
// login: GET /api/player/{id} and the WebSocket /api/player/{id}/frames are public. It must run
// unattended for months, so every failure (server restarted, network gone, screen reconfigured)
// ends in another attempt, never in a page someone has to reload.
import { ledCanvas, frameSocket } from './ledcanvas.js';

const canvas = document.getElementById('screen');
const message = document.getElementById('message');
const status = document.getElementById('status');
const id = location.pathname.split('/')[2] || '';

// A television's pictures come at its own size, drawn with the print fonts: shown as they are,
// one canvas pixel a pixel; the CSS (object-fit: contain) fits the canvas to the window.
const led = ledCanvas(canvas, () => 1, undefined, { plain: () => true });
let connected = false;

function say(text) {
  message.textContent = text;
  message.hidden = !text;
  status.hidden = connected || Boolean(text);
}

// Asked before every connection: the screen may have been removed or given another protocol.
async function screenInfo() {
  const res = await fetch(`/api/player/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) {
    say(`找不到编号为 ${id} 的网页播放屏。\n请在管理页面“显示屏”中确认该屏存在，且通信协议为“web（网页播放器）”。`);
    throw new Error('not a web player');
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const screen = await res.json();
  document.title = `${screen.name} · 显示屏`;
  canvas.setAttribute('aria-label', `${screen.name}（${screen.width}×${screen.height}）`);
  say('');
  return screen;
}

if (!/^[1-9]\d*$/.test(id)) {
  say('地址有误：应为 /player/屏幕编号，例如 /player/5');
} else {
  const socket = frameSocket(`/api/player/${id}/frames`, {
    before: screenInfo,
    onframe: (blob) => led.show(blob),
    onstate: (up) => { connected = up; status.hidden = up || !message.hidden; },
  });
  // For tests and for whoever debugs a TV: the current socket and the frames drawn so far.
  window.__player = {
    get socket() { return socket.socket; },
    get frames() { return led.frames; },
  };
  addEventListener('resize', () => led.redraw());
}

// A TV must not dim or sleep while it is the screen (where the browser allows it: https or localhost).
async function keepAwake() {
  try { await navigator.wakeLock?.request('screen'); } catch { /* not allowed here: nothing to do */ }
}
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') keepAwake(); });
keepAwake();

// Browsers only go full screen on a user's gesture: one click or key press on the TV's remote.
const fullScreen = () => document.documentElement.requestFullscreen?.().catch(() => {});
addEventListener('click', fullScreen);
addEventListener('keydown', fullScreen);
