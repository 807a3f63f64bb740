// 紧急插播 (admin): a text that takes the chosen screens over at once, ahead of their programs and
// urgent notices, for some minutes or until stopped. Each chosen screen shows the takeover as it
// will look (POST /api/screens/{id}/record.png with {broadcast}), with the characters its font
// cannot draw; the start button waits until none is left. Admins only: a broadcast passes by the
// approval publishing may need and every screen's schedule.
import { h, replace, debounce, when } from '../dom.js';
import { api, get, request, errorText, ApiError } from '../api.js';
import { Form, number, textarea } from '../form.js';
import { scaleFor } from '../led.js';

const fromCodePoint = (u) => String.fromCodePoint(parseInt(u.replace(/^U\+/i, ''), 16));

function screensText(b, screenName) {
  if (b.screens === 'all') return b.centre_id ? `服务中心 ${b.centre_id} 的全部屏幕` : '全部屏幕';
  return (b.screens || []).map(screenName).join('、');
}

export async function page(root) {
  const [{ items: screens = [] }, { items: centres = [] }] = await Promise.all([
    get('/api/screens?limit=1000'), get('/api/centres?limit=1000')]);
  const form = new Form();
  const name = (id) => screens.find((s) => s.id === id)?.name || `屏幕 ${id}`;

  const textInput = textarea('', { id: 'broadcast-text', rows: 3, maxlength: 500, placeholder: '例如：因停电，今日下午暂停办理业务，请谅解。' });
  const target = { all: h('input', { type: 'radio', name: 'broadcast-target', value: 'all', id: 'broadcast-all', checked: true }),
    chosen: h('input', { type: 'radio', name: 'broadcast-target', value: 'chosen', id: 'broadcast-chosen' }),
    centre: h('input', { type: 'radio', name: 'broadcast-target', value: 'centre', id: 'broadcast-by-centre' }) };
  const boxes = screens.map((s) => h('input', { type: 'checkbox', value: s.id, class: 'broadcast-screen', id: `broadcast-screen-${s.id}` }));
  const centrePick = h('select', { id: 'broadcast-centre' }, centres.map((c) => h('option', { value: c.id }, c.name)));
  const lasting = { minutes: h('input', { type: 'radio', name: 'broadcast-lasting', value: 'minutes', id: 'broadcast-for-minutes', checked: true }),
    untilStopped: h('input', { type: 'radio', name: 'broadcast-lasting', value: 'until', id: 'broadcast-until-stopped' }) };
  const minutes = number(30, { id: 'broadcast-minutes', min: 1, max: 1440, class: 'short' });
  const screensBox = h('fieldset', { id: 'broadcast-screens' }, h('legend', {}, '插播到'),
    h('label', { class: 'inline' }, target.all, '全部屏幕'),
    h('label', { class: 'inline' }, target.chosen, '指定屏幕'),
    h('label', { class: 'inline' }, target.centre, '某个服务中心的屏幕'),
    h('div', { class: 'broadcast-choices' }, screens.map((s, i) => h('label', { class: 'inline' }, boxes[i], `${s.name}（${s.width}×${s.height}）`))),
    h('label', { class: 'inline' }, '服务中心 ', centrePick));
  const minutesRow = h('fieldset', {}, h('legend', {}, '插播多久'),
    h('label', { class: 'inline' }, lasting.minutes, minutes, '分钟'),
    h('label', { class: 'inline' }, lasting.untilStopped, '一直插播，直到点“停止插播”'));
  const start = h('button', { type: 'submit', class: 'primary', id: 'broadcast-start' }, '开始插播');
  const previews = h('div', { class: 'broadcast-previews', id: 'broadcast-previews' });
  const activeEl = h('div', { id: 'broadcast-active' });
  const recentEl = h('div', { id: 'broadcast-recent' });

  const chosenScreens = () => {
    if (target.all.checked) return screens;
    if (target.centre.checked) return screens.filter((s) => s.centre_id === Number(centrePick.value));
    return screens.filter((s, i) => boxes[i].checked);
  };

  // Each chosen screen's takeover, as the server composes it for that screen's size and font.
  let seq = 0;
  let lacking = new Set();
  const urls = [];
  async function drawPreviews() {
    const mine = ++seq;
    const text = textInput.value.trim();
    const chosen = chosenScreens();
    if (!text || !chosen.length) {
      replace(previews, h('p', { class: 'muted' }, !chosen.length ? '请选择要插播的屏幕' : '填写插播内容后，这里显示各屏的插播效果'));
      lacking = new Set();
      start.disabled = !text || !chosen.length;
      return;
    }
    const figures = await Promise.all(chosen.map(async (s) => {
      try {
        const res = await request('POST', `/api/screens/${s.id}/record.png?scale=${scaleFor(s.width)}`, { broadcast: { text } }, { Accept: 'image/png' });
        const missing = (res.headers.get('X-Missing') || '').split(/\s+/).filter(Boolean);
        const url = URL.createObjectURL(await res.blob());
        urls.push(url);
        return { s, url, missing, pages: Number(res.headers.get('X-Pages') || 1) };
      } catch (e) {
        return { s, error: errorText(e), missing: [] };
      }
    }));
    if (mine !== seq) return;
    while (urls.length > figures.length * 2) URL.revokeObjectURL(urls.shift());
    lacking = new Set(figures.flatMap((f) => f.missing));
    replace(previews, figures.map((f) => h('figure', { class: 'broadcast-preview', dataset: { screen: f.s.id } },
      h('figcaption', {}, `${f.s.name}（${f.s.width}×${f.s.height}，${f.s.font_profile}）`, f.pages > 1 ? ` · 共 ${f.pages} 页` : ''),
      f.error ? h('p', { class: 'error' }, `暂不能预览：${f.error}`)
        : h('div', { class: 'led-frame' }, h('img', { class: 'led fit', src: f.url, alt: `${f.s.name}插播效果` })),
      f.missing.length ? h('div', { class: 'led-missing', role: 'status' },
        h('strong', {}, '该屏字库缺少这些字，请改用别的字：'),
        h('ul', {}, f.missing.map((u) => h('li', {}, h('span', { class: 'glyph' }, fromCodePoint(u)), ' ', u)))) : null)));
    start.disabled = lacking.size > 0;
    if (lacking.size) form.message('插播内容中有屏幕字库显示不了的字，改好之前不能开始插播', 'error');
    else form.clear();
  }
  const redraw = debounce(drawPreviews, 200);
  textInput.addEventListener('input', redraw);
  for (const el of [...Object.values(target), ...boxes, centrePick]) el.addEventListener('change', drawPreviews);

  function row(b) {
    const stop = b.active ? h('button', { type: 'button', class: 'danger broadcast-stop', dataset: { id: b.id }, onclick: async () => {
      stop.disabled = true;
      try {
        await api('DELETE', `/api/broadcasts/${b.id}`);
        form.message(`已停止插播 ${b.id}，屏幕恢复原节目`, 'ok');
      } catch (e) {
        form.error(e);
      }
      load();
    } }, '停止插播') : null;
    const ended = b.stopped_at ? `${when(b.stopped_at)} 由 ${b.stopped_by} 停止` : b.ends_at ? `${when(b.ends_at)} 结束` : '直到停止';
    return h('tr', { dataset: { id: b.id } }, h('td', {}, String(b.id)), h('td', { class: 'broadcast-text' }, b.text),
      h('td', {}, screensText(b, name)), h('td', { class: 'nowrap' }, `${when(b.started_at)}（${b.started_by}）`),
      h('td', {}, ended), h('td', {}, b.active ? h('span', { class: 'tag urgent' }, '正在插播') : '已结束'), h('td', {}, stop));
  }
  const table = (items) => h('table', { class: 'list' },
    h('thead', {}, h('tr', {}, ['编号', '内容', '屏幕', '开始', '结束', '状态', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, items.map(row)));

  async function load() {
    try {
      const { active = [], items = [] } = await get('/api/broadcasts');
      replace(activeEl, active.length ? table(active) : h('p', { class: 'muted', id: 'broadcast-none' }, '现在没有插播。'));
      replace(recentEl, items.length ? table(items.slice(0, 20)) : h('p', { class: 'muted' }, '还没有插播记录。'));
    } catch (e) {
      replace(activeEl, h('p', { class: 'error' }, errorText(e)));
    }
  }

  async function submit(e) {
    e.preventDefault();
    form.clear();
    const text = textInput.value.trim();
    const body = { text };
    if (target.all.checked) body.screens = 'all';
    else if (target.centre.checked) { body.screens = 'all'; body.centre_id = Number(centrePick.value); }
    else body.screens = chosenScreens().map((s) => s.id);
    if (lasting.minutes.checked) {
      const m = Number(minutes.value);
      if (!Number.isInteger(m) || m < 1 || m > 1440) {
        form.error(new ApiError(400, '插播时长应为1到1440之间的分钟数（或选“一直插播”）', 'minutes'));
        return;
      }
      body.minutes = m;
    }
    if (lacking.size) { form.message('插播内容中有屏幕字库显示不了的字，改好之前不能开始插播', 'error'); return; }
    start.disabled = true;
    try {
      const b = await api('POST', '/api/broadcasts', body);
      form.message(`插播 ${b.id} 已开始：${screensText(b, name)}`, 'ok');
      load();
    } catch (err) {
      form.error(err);
    } finally {
      start.disabled = false;
    }
  }

  const el = h('form', { class: 'record panel', id: 'broadcast-form', onsubmit: submit }, form.banner,
    h('div', { class: 'fields' },
      form.field('插播内容', textInput, 'text', '至多500字；屏上居中显示，红色（单色屏为本色）'),
      screensBox, form.slot('screens', screensBox), form.slot('centre_id', centrePick),
      minutesRow, form.slot('minutes', minutes)),
    h('h3', { class: 'broadcast-preview-head' }, '各屏插播效果'), previews,
    h('div', { class: 'actions' }, start));
  replace(root, h('div', { class: 'page-head' }, h('h2', {}, '紧急插播')),
    el, h('section', { class: 'panel' }, h('h3', {}, '正在插播'), activeEl),
    h('section', { class: 'panel' }, h('h3', {}, '最近插播'), recentEl));
  drawPreviews();
  load();
}
