// Live LED preview: the record being edited as the chosen screen shows it, composed by the server
// with the screens' own wording and layout (POST /api/screens/{id}/record.png), redrawn as one
// types, with the characters the screen's fonts lack listed and marked.
import { h, replace, debounce } from './dom.js';
import { get, request, errorText } from './api.js';
import { colors, label } from './labels.js';

let chosenScreen = null; // kept across pages so the user's choice sticks

const codePoint = (ch) => 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
const fromCodePoint = (u) => String.fromCodePoint(parseInt(u.replace(/^U\+/i, ''), 16));

// Pixels per LED: big enough to read on small screens, never a fractional scale.
export const scaleFor = (width) => Math.max(2, Math.min(8, Math.floor(440 / width)));

// Page buttons for a preview of `pages` pages; a long program gets previous/next instead.
export function pageButtons(pages, page, go) {
  if (pages <= 1) return [];
  const button = (i, text) => h('button', {
    type: 'button', class: i === page ? 'page current' : 'page', 'aria-pressed': String(i === page),
    disabled: i < 0 || i >= pages, onclick: () => go(i),
  }, text);
  if (pages <= 8) return Array.from({ length: pages }, (_, i) => button(i, `第${i + 1}页`));
  return [button(page - 1, '上一页'), h('span', { class: 'page-of' }, `第 ${page + 1} / ${pages} 页`), button(page + 1, '下一页')];
}

// getRecord() gives the form's unsaved values as {matter}, {notice} or {window}.
export function ledPreview(getRecord) {
  let screens = [];
  let page = 0;
  let seq = 0;
  let url = '';

  const picker = h('select', { id: 'led-screen', 'aria-label': '预览显示屏', onchange: () => {
    chosenScreen = Number(picker.value);
    page = 0;
    draw();
  } });
  const img = h('img', { id: 'led-preview', class: 'led', alt: 'LED 显示效果预览' });
  const status = h('div', { class: 'led-status' });
  const pager = h('div', { class: 'led-pages' });
  const missing = h('div', { id: 'led-missing', class: 'led-missing', role: 'status', hidden: true });
  const mirror = h('div', { class: 'led-mirror', 'aria-label': '预览文字' });
  // Where the screen shortens a text (a fee basis by its rule) or lacks a fact, as the server says.
  const warned = h('div', { id: 'led-warnings', class: 'led-missing', role: 'status', hidden: true });
  const el = h('section', { class: 'panel led-panel' },
    h('h3', {}, 'LED 屏预览'),
    h('label', { class: 'inline' }, '显示屏 ', picker),
    h('div', { class: 'led-frame' }, img), pager, status, missing, warned, mirror);

  const screen = () => screens.find((s) => s.id === Number(picker.value)) || screens[0];

  async function draw() {
    const s = screen();
    const mine = ++seq;
    if (!s) return;
    let res, blob;
    try {
      res = await request('POST', `/api/screens/${s.id}/record.png?page=${page}&scale=${scaleFor(s.width)}`,
        getRecord(), { Accept: 'image/png' });
      blob = await res.blob();
    } catch (e) {
      if (mine === seq) replace(status, `暂不能预览：${errorText(e)}`);
      return;
    }
    if (mine !== seq) return; // a newer keystroke already asked again
    const pages = Number(res.headers.get('X-Pages') || 1);
    const text = decodeURIComponent(res.headers.get('X-Text') || '');
    const lacking = (res.headers.get('X-Missing') || '').split(/\s+/).filter(Boolean);
    if (page >= pages && pages > 0) { page = pages - 1; draw(); return; }
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    img.src = url;
    img.dataset.page = String(page);
    showPages(pages);
    replace(status, `${s.width}×${s.height} 点 · ${label(colors, s.color)} · ${s.font_profile} · 共 ${pages} 页`);
    showMissing(text, lacking);
    const notes = decodeURIComponent(res.headers.get('X-Warnings') || '').split('\n').filter(Boolean);
    warned.hidden = notes.length === 0;
    replace(warned, notes.length ? [h('strong', {}, '屏上提示：'), h('ul', {}, notes.map((n) => h('li', {}, n)))] : []);
  }

  function showPages(pages) {
    replace(pager, pageButtons(pages, page, (i) => { page = i; draw(); }));
  }

  function showMissing(text, lacking) {
    const set = new Set(lacking.map(fromCodePoint));
    if (set.size === 0) {
      missing.hidden = true;
      replace(missing);
    } else {
      missing.hidden = false;
      replace(missing, h('strong', {}, `该屏字库缺少 ${set.size} 个字，屏上显示为方框：`),
        h('ul', {}, lacking.map((u) => h('li', {}, h('span', { class: 'glyph' }, fromCodePoint(u)), ' ', u))));
    }
    // The text again, each missing character marked where it stands.
    replace(mirror, Array.from(text, (ch) => (set.has(ch) ? h('mark', { title: codePoint(ch) }, ch) : ch)));
  }

  const refresh = debounce(draw, 150);

  (async () => {
    try {
      screens = (await get('/api/screens?limit=1000')).items || [];
    } catch (e) {
      replace(status, `无法读取显示屏：${errorText(e)}`);
      return;
    }
    if (!screens.length) { replace(status, '还没有显示屏，请先在“显示屏”中添加'); return; }
    const current = screens.some((s) => s.id === chosenScreen) ? chosenScreen : screens[0].id;
    replace(picker, screens.map((s) => h('option', { value: s.id }, `${s.name}（${s.width}×${s.height}）`)));
    picker.value = String(current);
    draw();
  })();

  return { el, refresh };
}
