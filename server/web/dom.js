// DOM building without innerHTML: every piece of data goes in as text, so a record titled
// "<script>" shows as those characters and never runs.

// h('a', {href: '#/x', class: 'btn', onclick: fn}, 'text', child, [more]) -> element.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

// <select> from [[value, label], ...].
export function select(attrs, options, current) {
  return h('select', attrs, options.map(([v, label]) =>
    h('option', { value: v, selected: String(v) === String(current ?? '') }, label)));
}

export function debounce(fn, ms) {
  let t = 0;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

// The hall's time (the server's time zone, from the session), not the browser's: a PC set to UTC
// still shows what the hall's clock and the server's log say. China's until the session says.
let hallOffsetMinutes = 480;
// The server's clock less the browser's, from the session's `now`: "today" is the server's, not
// that of a PC whose clock is off.
let clockSkewMs = 0;
export function setHallOffset(minutes, serverNow) {
  if (Number.isFinite(minutes)) hallOffsetMinutes = minutes;
  const t = serverNow ? new Date(serverNow).getTime() : NaN;
  // Whole seconds in the session: a skew under a minute is the request's own time, not a wrong clock.
  if (Number.isFinite(t)) clockSkewMs = Math.abs(t - Date.now()) > 60000 ? t - Date.now() : 0;
}
// Milliseconds since 1970 by the server's clock.
export const serverMs = () => Date.now() + clockSkewMs;
// A Date whose UTC fields read as the hall's wall clock at `ms`.
function hallWall(ms) { return new Date(ms + hallOffsetMinutes * 60000); }
const p2 = (n) => String(n).padStart(2, '0');
// "2026-11-27T02:25:00Z" -> "2026-11-27 10:25" (seconds too when asked) in the hall's time; other text as given.
export function when(text, seconds = false) {
  if (!text) return '';
  const t = new Date(text).getTime();
  if (Number.isNaN(t)) return String(text);
  const d = hallWall(t);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}` +
    (seconds ? `:${p2(d.getUTCSeconds())}` : '');
}
// Today in the hall, "2026-11-27".
export function hallToday() { return hallWall(serverMs()).toISOString().slice(0, 10); }
// The hall's clock now, "14:30".
export function hallClock() { const d = hallWall(serverMs()); return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`; }
