// 节目: a program drawn on its screen. Areas are drawn by dragging on empty space, moved and
// resized with the mouse, snapped to the panel's modules; beside the drawing, the chosen area's
// contents, effect, speed and dwell from the server's lists (GET /api/program-options). The
// schedule is a form; the program plays as its card plays it (GET /api/screens/{id}/play.png) and
// the screen's week shows which program plays when (GET /api/screens/{id}/week).
import { h, replace, select, hallToday } from '../dom.js';
import { get, request, errorText, ApiError } from '../api.js';
import { listPage } from '../list.js';
import { editPage } from '../editor.js';
import { text, number, date, checkbox } from '../form.js';
import { ledCanvas } from '../ledcanvas.js';

async function screens() {
  try {
    return (await get('/api/screens?limit=1000')).items || [];
  } catch {
    return [];
  }
}

let optionsAsked = null;
// The item kinds, effects, speeds, dwells and weekdays with their Chinese names, from the server.
function programOptions() {
  optionsAsked ??= get('/api/program-options').catch((e) => { optionsAsked = null; throw e; });
  return optionsAsked;
}

// The panel's module size in LEDs: the screen's option `module_size` when set, else 32 for large
// panels (both sides whole modules of 32 and at least 128 high), else 16.
export function moduleOf(screen) {
  const given = Number(screen?.options?.module_size);
  if (Number.isInteger(given) && given >= 1) return given;
  if (screen && screen.height >= 128 && screen.width % 32 === 0 && screen.height % 32 === 0) return 32;
  return 16;
}

const clockPattern = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export async function list(root, params) {
  const [all, options] = await Promise.all([screens(), programOptions().catch(() => ({ item_kinds: [] }))]);
  const name = (id) => all.find((s) => s.id === id)?.name || `#${id}`;
  const kind = (k) => options.item_kinds.find((o) => o.value === k)?.label || k;
  return listPage(root, {
    title: '节目', collection: 'programs', params, newLabel: '新建节目',
    filters: { screen_id: params.get('screen_id') || '' },
    columns: [
      { label: '名称', value: (p) => p.name },
      { label: '显示屏', value: (p) => name(p.screen_id) },
      { label: '区域', value: (p) => `${p.areas?.length || 0} 个` },
      { label: '内容', value: (p) => (p.areas || []).flatMap((a) => (a.items || []).map((i) => kind(i.kind))).join('、') },
    ],
  });
}

// The records an item may name, as [id, Chinese name] per collection, for the screen's centre.
async function recordChoices() {
  const read = async (path, label) => {
    try {
      return ((await get(path)).items || []).map((r) => ({ id: r.id, centre: r.centre_id, label: label(r) }));
    } catch {
      return [];
    }
  };
  const pictures = async () => {
    try {
      return (await get('/api/pictures')).items || [];
    } catch {
      return [];
    }
  };
  const [matters, notices, windows, uploaded] = await Promise.all([
    read('/api/matters?limit=1000', (m) => m.name),
    read('/api/notices?limit=1000', (n) => `${n.title}${n.urgent ? '（紧急）' : ''}`),
    read('/api/windows?limit=1000', (w) => `${w.number}号窗口 ${w.business || ''}`.trim()),
    pictures(),
  ]);
  return { matters, notices, windows, pictures: uploaded };
}

// An image item's picture: the uploaded pictures as thumbnails to pick from, and an upload of a
// new one (PNG or JPEG; the server reads the bytes, not the name), picked once uploaded.
function picturePicker(item, k, records, changed) {
  const list = records.pictures;
  const note = h('div', { class: 'muted', id: `item-picture-note-${k}`, role: 'status' });
  const thumbs = list.map((p) => h('button', {
    type: 'button', class: `prog-picture${p.id === item.record_id ? ' selected' : ''}`, id: `item-picture-${k}-${p.id}`,
    title: `${p.name}（${p.width}×${p.height}）`, 'aria-pressed': p.id === item.record_id ? 'true' : 'false',
    dataset: { picture: String(p.id) },
    onclick: () => { item.record_id = p.id; changed(); },
  }, h('img', { src: p.url, alt: p.name, loading: 'lazy' }), h('span', {}, p.name)));
  const file = h('input', { type: 'file', accept: 'image/png,image/jpeg', id: `item-picture-file-${k}`, 'aria-label': `内容${k + 1}：选择要上传的图片` });
  const upload = async () => {
    const f = file.files[0];
    if (!f) { replace(note, '请先选择图片文件（PNG 或 JPEG）'); return; }
    replace(note, '上传中…');
    try {
      // Sent as a picture whatever the file's name says: the server tells PNG from JPEG by the bytes.
      const body = new Blob([f], { type: f.type === 'image/jpeg' ? 'image/jpeg' : 'image/png' });
      const p = await (await request('POST', `/api/pictures?name=${encodeURIComponent(f.name)}`, body)).json();
      list.push(p);
      item.record_id = p.id;
      changed();
    } catch (e) {
      replace(note, errorText(e));
    }
  };
  const chosen = list.find((p) => p.id === item.record_id);
  return h('div', { class: 'prog-pictures-box', id: `item-pictures-${k}` },
    h('div', { class: 'prog-pictures', role: 'group', 'aria-label': `内容${k + 1}的图片` },
      thumbs.length ? thumbs : h('span', { class: 'muted' }, '还没有上传的图片')),
    h('div', { class: 'muted' }, chosen ? `已选：${chosen.name}（${chosen.width}×${chosen.height}）` : '请选择或上传一张图片'),
    h('div', { class: 'upload prog-picture-upload' }, file,
      h('button', { type: 'button', id: `item-picture-upload-${k}`, onclick: upload }, '上传图片')), note);
}

// The screen drawn at its pixel size, areas over it. Dragging on empty space draws an area;
// dragging an area moves it, its corner handle resizes it; all snapped to `module` LEDs.
function stageView(state, changed) {
  const stage = h('div', { id: 'program-stage', class: 'prog-stage', role: 'application',
    'aria-label': '节目区域：在空白处拖动画出区域，拖动区域移动，拖动右下角改变大小' });
  const wrap = h('div', { class: 'prog-stage-wrap' }, stage);
  const note = h('div', { class: 'hint', id: 'stage-note' });
  let scale = 1;
  let drag = null;

  const W = () => state.screen?.width || 0;
  const H = () => state.screen?.height || 0;
  const module = () => moduleOf(state.screen);
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
  const card = () => !['web', 'ddp'].includes(state.screen?.protocol);

  function layout() {
    if (!W() || !H()) return;
    const room = wrap.clientWidth || 600;
    const fit = room / W();
    // Whole pixels per LED where there is room for two or more (crisp), else the column's width:
    // a 256-LED panel in a 500-pixel column is drawn near twice its size, not at one pixel an LED.
    scale = fit >= 2 ? Math.min(8, Math.floor(fit)) : fit;
    stage.style.width = `${W() * scale}px`;
    stage.style.height = `${H() * scale}px`;
    const m = module() * scale;
    stage.style.backgroundSize = `${m}px ${m}px`;
    stage.dataset.scale = String(scale);
    stage.dataset.module = String(module());
    draw();
    hint();
  }

  function overlaps(r, except) {
    return state.areas.findIndex((a, i) => i !== except &&
      r.x < a.x + a.width && a.x < r.x + r.width && r.y < a.y + a.height && a.y < r.y + r.height);
  }

  function draw() {
    const boxes = state.areas.map((a, i) => {
      const box = h('div', {
        class: `prog-area${i === state.selected ? ' selected' : ''}`, id: `area-${i}`,
        dataset: { index: String(i), x: String(a.x), y: String(a.y), width: String(a.width), height: String(a.height) },
        title: `区域${i + 1}：x ${a.x}，y ${a.y}，${a.width}×${a.height}`,
      }, h('span', { class: 'prog-area-label' }, `区域${i + 1}`), h('span', { class: 'prog-handle', dataset: { handle: '1' } }));
      Object.assign(box.style, { left: `${a.x * scale}px`, top: `${a.y * scale}px`, width: `${a.width * scale}px`, height: `${a.height * scale}px` });
      return box;
    });
    const draft = drag?.kind === 'new' && drag.rect
      ? h('div', { class: 'prog-area draft', id: 'area-draft' }) : null;
    if (draft) {
      const r = drag.rect;
      Object.assign(draft.style, { left: `${r.x * scale}px`, top: `${r.y * scale}px`, width: `${r.width * scale}px`, height: `${r.height * scale}px` });
    }
    replace(stage, boxes, draft);
  }
  // What the stage is and how to use it; a refused drop says why instead until the next one.
  const hint = () => replace(note, `${W()}×${H()} 点，每格 ${module()} 点；在空白处拖动画出区域，拖动区域移动，拖动右下角改变大小。`);

  // The LED under the pointer, in screen pixels (not clamped).
  function at(e) {
    const r = stage.getBoundingClientRect();
    return { x: (e.clientX - r.left) / scale, y: (e.clientY - r.top) / scale };
  }
  const snap = (v) => Math.round(v / module()) * module();

  function rectBetween(a, b) {
    const m = module();
    const x0 = clamp(Math.floor(Math.min(a.x, b.x) / m) * m, 0, W());
    const y0 = clamp(Math.floor(Math.min(a.y, b.y) / m) * m, 0, H());
    const x1 = clamp(Math.ceil(Math.max(a.x, b.x) / m) * m, 0, W());
    const y1 = clamp(Math.ceil(Math.max(a.y, b.y) / m) * m, 0, H());
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  stage.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    hint();
    const p = at(e);
    const box = e.target.closest('.prog-area:not(.draft)');
    if (box) {
      const i = Number(box.dataset.index);
      state.select(i);
      const a = state.areas[i];
      drag = { kind: e.target.dataset.handle ? 'resize' : 'move', index: i, start: p, orig: { ...a } };
    } else {
      drag = { kind: 'new', start: p, rect: null };
    }
    stage.setPointerCapture?.(e.pointerId);
  });
  stage.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const p = at(e);
    if (drag.kind === 'new') {
      drag.rect = rectBetween(drag.start, p);
      draw();
      return;
    }
    const a = state.areas[drag.index];
    const o = drag.orig;
    const dx = p.x - drag.start.x, dy = p.y - drag.start.y;
    if (drag.kind === 'move') {
      a.x = clamp(snap(o.x + dx), 0, Math.max(0, W() - a.width));
      a.y = clamp(snap(o.y + dy), 0, Math.max(0, H() - a.height));
    } else {
      a.width = clamp(snap(o.x + o.width + dx) - a.x, Math.min(module(), W() - a.x), W() - a.x);
      a.height = clamp(snap(o.y + o.height + dy) - a.y, Math.min(module(), H() - a.y), H() - a.y);
    }
    draw();
    changed(false);
  });
  const finish = (e) => {
    if (!drag) return;
    const d = drag;
    drag = null;
    stage.releasePointerCapture?.(e.pointerId);
    if (d.kind === 'new') {
      const r = d.rect || rectBetween(d.start, at(e));
      if (r.width > 0 && r.height > 0) {
        const other = card() ? overlaps(r, -1) : -1;
        if (other >= 0) {
          draw();
          replace(note, h('span', { class: 'error' }, `新区域与区域${other + 1}重叠：这块屏的控制卡不能叠放区域，请在空白处画。`));
          return;
        }
        state.areas.push({ x: r.x, y: r.y, width: r.width, height: r.height, effect: 'static', speed: 1, dwell_seconds: 5, items: [] });
        state.select(state.areas.length - 1);
        changed(true);
        return;
      }
    } else if (card()) {
      const other = overlaps(state.areas[d.index], d.index);
      if (other >= 0) {
        Object.assign(state.areas[d.index], d.orig); // a card cannot show it: back where it was
        replace(note, h('span', { class: 'error' }, `区域${d.index + 1}会与区域${other + 1}重叠，已放回原处。`));
        draw();
        changed(true);
        return;
      }
    }
    draw();
    changed(true);
  };
  stage.addEventListener('pointerup', finish);
  stage.addEventListener('pointercancel', finish);

  new ResizeObserver(() => layout()).observe(wrap);
  return { el: h('div', { class: 'prog-stage-box' }, wrap, note), layout, draw };
}

// The chosen area's form: contents by their Chinese names, effect, speed, dwell; delete.
function areaForm(state, form, options, records, changed) {
  const el = h('div', { class: 'prog-area-form panel', id: 'area-form' });

  function render() {
    // Slots of areas drawn before belong to elements no longer shown.
    for (const key of [...form.slots.keys()]) if (key.startsWith('areas[')) form.slots.delete(key);
    const i = state.selected;
    const a = state.areas[i];
    if (!a) {
      replace(el, h('p', { class: 'muted' }, state.areas.length ? '点选一个区域编辑它的内容。' : '在上面的屏幕上拖动，画出第一个区域。'));
      return;
    }
    const key = `areas[${i}]`;
    const whole = (v) => (/^\d+$/.test(String(v).trim()) ? Number(v) : v);
    const place = ['x', 'y', 'width', 'height'].map((k) => {
      const input = number(a[k], { id: `area-${k}`, min: 0 });
      input.addEventListener('change', () => { a[k] = whole(input.value); changed(true); });
      return form.field({ x: 'x', y: 'y', width: '宽', height: '高' }[k], input, `${key}.${k}`);
    });
    const items = a.items.map((item, k) => itemRow(item, k, key));
    const addItem = h('button', { type: 'button', id: 'add-item', onclick: () => {
      a.items.push({ kind: 'centre' });
      changed(true);
      render();
    } }, '添加内容');
    const effect = select({ id: 'area-effect' }, options.effects.map((o) => [o.value, o.label]), a.effect || 'static');
    effect.addEventListener('change', () => { a.effect = effect.value; changed(true); });
    const listed = (list, v, unit) => (list.some((o) => o.value === v) ? list : [...list, { value: v, label: `${v}${unit}` }])
      .map((o) => [o.value, o.label]);
    const speed = select({ id: 'area-speed' }, listed(options.speeds, a.speed ?? 1, ''), a.speed ?? 1);
    speed.addEventListener('change', () => { a.speed = Number(speed.value); changed(true); });
    const dwell = select({ id: 'area-dwell' }, listed(options.dwells, a.dwell_seconds ?? 5, ' 秒'), a.dwell_seconds ?? 5);
    dwell.addEventListener('change', () => { a.dwell_seconds = Number(dwell.value); changed(true); });
    const remove = h('button', { type: 'button', class: 'danger', id: 'delete-area', onclick: () => {
      state.areas.splice(i, 1);
      state.select(Math.min(i, state.areas.length - 1));
      changed(true);
    } }, '删除区域');
    const head = h('h3', {}, `区域${i + 1}`);
    replace(el, head, form.slot(key, head),
      h('div', { class: 'row prog-place' }, place),
      h('fieldset', { class: 'prog-items' }, h('legend', {}, '显示内容（按顺序轮流显示）'),
        items.length ? items : h('p', { class: 'muted' }, '还没有内容'), form.slot(`${key}.items`, addItem), addItem),
      h('div', { class: 'row prog-play' }, form.field('效果', effect, `${key}.effect`), form.field('速度', speed, `${key}.speed`),
        form.field('每页停留', dwell, `${key}.dwell_seconds`)),
      h('div', { class: 'actions' }, remove));
  }

  function itemRow(item, k, key) {
    const at = `${key}.items[${k}]`;
    const kind = select({ id: `item-kind-${k}`, 'aria-label': `内容${k + 1}的类型` },
      options.item_kinds.map((o) => [o.value, o.label]), item.kind);
    const spec = options.item_kinds.find((o) => o.value === item.kind);
    let detail = null;
    if (spec?.record === 'pictures') {
      detail = picturePicker(item, k, records, () => changed(true));
    } else if (spec?.record) {
      const choices = (records[spec.record] || []).filter((r) => !state.screen || r.centre === state.screen.centre_id);
      detail = select({ id: `item-record-${k}`, 'aria-label': `内容${k + 1}的记录` },
        [['', `请选择${spec.label}…`], ...choices.map((r) => [r.id, r.label])], item.record_id || '');
      detail.addEventListener('change', () => { item.record_id = Number(detail.value) || 0; changed(true); });
    } else if (spec?.text) {
      detail = text(item.text || '', { id: `item-text-${k}`, 'aria-label': `内容${k + 1}的文字`, placeholder: spec.placeholder || '要显示的文字' });
      // Kept as typed; no redraw of this form on 'change': that comes on blur, also when this form is
      // being replaced (an area drawn next), and would replace it a second time mid-removal.
      detail.addEventListener('input', () => { item.text = detail.value; changed(false); });
    }
    kind.addEventListener('change', () => {
      item.kind = kind.value;
      delete item.record_id;
      delete item.text;
      changed(true);
      render();
    });
    const a = state.areas[state.selected];
    const remove = h('button', { type: 'button', class: 'link danger', id: `item-remove-${k}`, onclick: () => {
      a.items.splice(k, 1);
      changed(true);
      render();
    } }, '移除');
    return h('div', { class: 'prog-item' }, h('span', { class: 'prog-item-no' }, `${k + 1}.`), kind, detail, remove,
      form.slot(`${at}.kind`, kind), detail ? form.slot(`${at}.${spec?.record ? 'record_id' : 'text'}`, detail) : null);
  }

  return { el, render };
}

// The schedule as a form: dates, weekdays, time windows (HH:MM, checked as typed), working days
// only, priority. collect() gives the API's `schedule`, or throws an ApiError naming the field.
function scheduleForm(schedule, form, options) {
  const s = schedule || {};
  const from = date(s.from || '', { id: 'sched-from' });
  const until = date(s.until || '', { id: 'sched-until' });
  const days = options.weekdays.map((d) => {
    const box = checkbox((s.weekdays || []).includes(d.value), { id: `sched-wd-${d.value}`, value: d.value });
    return h('label', { class: 'inline prog-weekday' }, box, d.label.replace('星期', ''));
  });
  const weekdays = h('div', { class: 'prog-weekdays' }, days);
  const working = checkbox(s.working_days_only, { id: 'sched-working' });
  const priority = number(s.priority ?? 0, { id: 'sched-priority' });
  const rows = h('div', { class: 'prog-times' });
  const times = [];

  function checkTime(input, msgSlot, isEnd, partner) {
    const v = input.value.trim();
    let problem = '';
    if (v && !clockPattern.test(v)) problem = '请按 HH:MM 填写，如 08:30（00:00 到 24:00）';
    else if (v === '24:00' && !isEnd) problem = '开始时间最晚为 23:59';
    else if (isEnd && v && clockPattern.test(partner.value.trim()) && minutes(v) <= minutes(partner.value.trim()))
      problem = `结束时间应晚于开始时间 ${partner.value.trim()}`;
    replace(msgSlot, problem);
    input.classList.toggle('invalid', Boolean(problem));
    return problem;
  }

  function addRow(t = { start: '', end: '' }) {
    const start = text(t.start, { class: 'clock', placeholder: '08:30', inputmode: 'numeric', 'aria-label': '开始时间' });
    const end = text(t.end, { class: 'clock', placeholder: '17:30', inputmode: 'numeric', 'aria-label': '结束时间' });
    const problem = h('span', { class: 'field-error', role: 'alert' });
    const row = { start, end, problem };
    const check = () => checkTime(start, problem, false, end) || checkTime(end, problem, true, start);
    start.addEventListener('input', check);
    end.addEventListener('input', check);
    const el = h('div', { class: 'prog-time' }, start, h('span', {}, '至'), end,
      h('button', { type: 'button', class: 'link danger', onclick: () => {
        times.splice(times.indexOf(row), 1);
        el.remove();
        renumber();
      } }, '移除'), problem);
    row.el = el;
    row.check = check;
    times.push(row);
    rows.append(el);
    renumber();
  }

  function renumber() {
    times.forEach((r, k) => {
      r.start.id = `sched-start-${k}`;
      r.end.id = `sched-end-${k}`;
      form.slot(`schedule.times[${k}].start`, r.start);
      form.slot(`schedule.times[${k}].end`, r.end);
    });
  }

  (s.times || []).forEach(addRow);
  const add = h('button', { type: 'button', id: 'add-time', onclick: () => addRow() }, '添加时段');
  const el = h('fieldset', { class: 'prog-schedule' }, h('legend', {}, '播放时间'),
    h('div', { class: 'row' }, form.field('开始日期（空：不限）', from, 'schedule.from'), form.field('结束日期（空：不限）', until, 'schedule.until')),
    h('div', { class: 'field' }, h('span', { class: 'label' }, '星期（都不选：每天）'), weekdays, form.slot('schedule.weekdays', weekdays)),
    h('div', { class: 'field' }, h('span', { class: 'label' }, '时段（都不填：全天）'), rows, add, form.slot('schedule.times', add)),
    h('div', { class: 'row' },
      h('label', { class: 'inline' }, working, ' 仅在工作日播放（按节假日和调休安排）'),
      form.field('优先级（数大者优先）', priority, 'schedule.priority')));

  function collect() {
    times.forEach((r, k) => {
      const problem = r.check();
      if (problem) throw new ApiError(400, `时段${k + 1}：${problem}`, `schedule.times[${k}].${r.start.classList.contains('invalid') ? 'start' : 'end'}`);
      if (!r.start.value.trim() || !r.end.value.trim()) throw new ApiError(400, `时段${k + 1}：请填写开始和结束时间`, `schedule.times[${k}].start`);
    });
    const p = priority.value.trim();
    if (!/^-?\d+$/.test(p)) throw new ApiError(400, '优先级应为整数', 'schedule.priority');
    return {
      ...s,
      from: from.value, until: until.value,
      weekdays: days.map((l) => l.querySelector('input')).filter((b) => b.checked).map((b) => Number(b.value)),
      times: times.map((r) => ({ start: r.start.value.trim(), end: r.end.value.trim() })),
      working_days_only: working.checked,
      priority: Number(p),
    };
  }
  return { el, collect };
}

// The program as its card plays it: frames from the server at the moments they change.
function playPanel() {
  const canvas = h('canvas', { id: 'program-play', class: 'led-canvas', 'aria-label': '节目播放预览', hidden: true });
  const note = h('div', { class: 'led-status', id: 'play-note' });
  const el = h('section', { class: 'panel' }, h('h3', {}, '播放预览（按控制卡的播放方式）'), canvas, note);
  let shownScreen = null;
  const led = ledCanvas(canvas, (w) => Math.max(1, Math.min(8, Math.floor((el.clientWidth - 34) / w))), undefined,
    { plain: () => shownScreen?.protocol === 'web' });
  let run = 0;

  async function play(program, screen) {
    const mine = ++run;
    shownScreen = screen;
    if (!program?.id || !screen) { canvas.hidden = true; replace(note, '保存后在此播放'); return; }
    replace(note, '播放中…');
    const start = performance.now();
    while (mine === run && el.isConnected) {
      const t = Math.round(performance.now() - start);
      let next = 1000;
      try {
        const res = await request('GET', `/api/screens/${screen.id}/play.png?program=${program.id}&t=${t}`, undefined, { Accept: 'image/png' });
        canvas.hidden = false;
        await led.show(await res.blob());
        next = Number(res.headers.get('X-Next-Change') || t + 1000) - t;
        replace(note, `已保存的版本 · ${screen.width}×${screen.height} 点 · 已播放 ${Math.floor(t / 1000)} 秒`);
      } catch (e) {
        replace(note, `无法播放：${errorText(e)}`);
        next = 3000;
      }
      // Moving text ten pictures a second at most; page turns on time.
      await new Promise((r) => setTimeout(r, Math.max(100, Math.min(1000, next))));
    }
  }
  return { el, play, stop: () => { run++; } };
}

const weekdayNames = ['一', '二', '三', '四', '五', '六', '日'];
const addDays = (iso, n) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const mondayOf = (iso) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return addDays(iso, -((d.getUTCDay() + 6) % 7));
};

// Which program the screen plays when, a week at a time, from the server's own rules.
function weekPanel() {
  const from = date(mondayOf(hallToday()), { id: 'week-from', 'aria-label': '周' });
  const grid = h('div', { class: 'week', id: 'week' });
  const note = h('div', { class: 'led-status' });
  let screen = null;
  let highlight = 0;
  const shift = (n) => { from.value = addDays(mondayOf(from.value || hallToday()), n); show(); };
  from.addEventListener('change', show);
  from.addEventListener('input', () => { if (from.value) show(); });
  const el = h('section', { class: 'panel' }, h('h3', {}, '本屏每周播放表'),
    h('div', { class: 'week-tools' }, h('button', { type: 'button', id: 'week-prev', onclick: () => shift(-7) }, '上一周'), from,
      h('button', { type: 'button', id: 'week-next', onclick: () => shift(7) }, '下一周')), grid, note);

  async function show() {
    if (!screen) { replace(grid); replace(note, '先选择显示屏'); return; }
    let week;
    try {
      week = await get(`/api/screens/${screen.id}/week?from=${mondayOf(from.value || hallToday())}`);
    } catch (e) {
      replace(note, `无法读取播放表：${errorText(e)}`);
      return;
    }
    const hours = h('div', { class: 'week-hours' }, h('div', { class: 'week-head' }),
      h('div', { class: 'week-body' }, Array.from({ length: 24 }, (_, i) => h('div', { class: 'week-hour' }, i % 3 === 0 ? `${i}` : ''))));
    const columns = week.days.map((d) => {
      const tag = d.listed === 'holiday' ? h('span', { class: 'tag urgent' }, d.name || '节假日')
        : d.listed === 'make-up' ? h('span', { class: 'tag ok' }, d.name || '调休上班') : null;
      const spans = d.spans.map((s) => {
        const box = h('div', {
          class: `week-span${s.program_id ? '' : ' default'}${s.program_id && s.program_id === highlight ? ' mine' : ''}`,
          dataset: { program: String(s.program_id), start: s.start, end: s.end },
          title: `${s.start}–${s.end} ${s.program}`,
        }, s.end_minute - s.start_minute >= 90 ? `${s.program} ${s.start}–${s.end}` : '');
        box.style.top = `${(s.start_minute / 1440) * 100}%`;
        box.style.height = `${((s.end_minute - s.start_minute) / 1440) * 100}%`;
        return box;
      });
      return h('div', { class: `week-day${d.working ? '' : ' rest'}`, dataset: { date: d.date, listed: d.listed } },
        h('div', { class: 'week-head' }, `周${weekdayNames[d.weekday - 1]} ${d.date.slice(5)}`, tag),
        h('div', { class: 'week-body' }, spans));
    });
    replace(grid, hours, columns);
    replace(note, `${week.from} 至 ${week.until}；灰色为默认节目（欢迎词、公告、事项清单）。紧急公告会临时插播。`);
  }
  return { el, show: (s, programId) => { screen = s; highlight = programId || 0; show(); } };
}

export async function edit(root, id) {
  const [all, options, records] = await Promise.all([screens(), programOptions(), recordChoices()]);
  const shared = { screenOf: () => null, program: null };
  let play, week;
  return editPage(root, {
    collection: 'programs', id, noun: '节目', titleOf: (p) => p.name,
    blank: async () => ({ screen_id: all[0]?.id || 0, name: '', areas: [], schedule: { working_days_only: false, times: [] } }),
    build(p, form) {
      const state = {
        screen: all.find((s) => s.id === p.screen_id) || all[0],
        areas: structuredClone(p.areas || []),
        selected: (p.areas || []).length ? 0 : -1,
        select: (i) => { state.selected = i; view.draw(); sidebar.render(); },
      };
      shared.screenOf = () => state.screen;
      const screen = select({ id: 'program-screen' }, all.map((s) => [s.id, `${s.name}（${s.width}×${s.height}）`]), state.screen?.id);
      const name = text(p.name, { id: 'program-name' });
      // Every change redraws the stage; a finished one (a drop, a choice) the area's form too.
      const changed = (finished) => {
        view.draw();
        if (finished) sidebar.render();
      };
      const view = stageView(state, changed);
      const sidebar = areaForm(state, form, options, records, changed);
      screen.addEventListener('change', () => {
        state.screen = all.find((s) => s.id === Number(screen.value));
        view.layout();
        sidebar.render();
        week?.show(state.screen, p.id);
      });
      const schedule = scheduleForm(p.schedule, form, options);
      // A refusal naming another area than the one shown: show that one, then the message.
      const shown = form.error.bind(form);
      form.error = (err, reload) => {
        const m = /^areas\[(\d+)\]/.exec(err?.field || '');
        if (m && Number(m[1]) !== state.selected && state.areas[Number(m[1])]) state.select(Number(m[1]));
        shown(err, reload);
      };
      sidebar.render();
      requestAnimationFrame(() => view.layout());
      // The areas as JSON, for those who would rather type them; applied only when it parses.
      const json = h('textarea', { id: 'areas-json', rows: 10, class: 'code', spellcheck: 'false' });
      const jsonNote = h('div', { class: 'field-error', role: 'alert' });
      const advanced = h('details', { class: 'prog-json', ontoggle: () => { if (advanced.open) json.value = JSON.stringify(state.areas, null, 2); } },
        h('summary', {}, '高级（JSON）'), json, jsonNote,
        h('button', { type: 'button', id: 'areas-json-apply', onclick: () => {
          let areas;
          try {
            areas = JSON.parse(json.value);
            if (!Array.isArray(areas) || areas.some((a) => !a || typeof a !== 'object' || !Array.isArray(a.items ?? [])))
              throw new Error('应为区域的列表：[{"x": 0, "y": 0, "width": 64, "height": 16, "items": [...]}]');
          } catch (e) {
            replace(jsonNote, `JSON 格式错误：${e.message}`);
            return;
          }
          replace(jsonNote);
          state.areas = areas.map((a) => ({ ...a, items: a.items ?? [] }));
          state.select(state.areas.length ? 0 : -1);
        } }, '应用到上面的区域'));
      return {
        el: h('div', { class: 'fields' },
          h('div', { class: 'row' }, form.field('显示屏', screen, 'screen_id'), form.field('节目名称', name, 'name')),
          h('div', { class: 'field' }, h('span', { class: 'label' }, '区域'), view.el, form.slot('areas', view.el)),
          sidebar.el, advanced, schedule.el),
        collect: (cur) => ({ ...cur, screen_id: Number(screen.value), name: name.value,
          areas: structuredClone(state.areas), schedule: schedule.collect() }),
      };
    },
    side() {
      play = playPanel();
      week = weekPanel();
      return {
        panels: [play.el, week.el],
        saved: (p) => {
          const s = p ? all.find((x) => x.id === p.screen_id) : shared.screenOf();
          play.play(p, s);
          week.show(s, p?.id);
        },
      };
    },
  });
}
