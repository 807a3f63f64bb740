// 节假日: a year at a glance (12 month grids), the State Council's holidays and make-up working days
// with the centre's own; admins mark days 放假 / 上班 / 普通, save the year, import a file. A day
// clicked shows which program each screen's schedule plays that day.
import { h, replace, hallToday } from '../dom.js';
import { api, get, user, errorText } from '../api.js';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
const p2 = (n) => String(n).padStart(2, '0');
const isoDate = (y, m, d) => `${y}-${p2(m)}-${p2(d)}`;
// 1 = Monday .. 7 = Sunday, of a civil date (no time zone involved).
const isoWeekday = (y, m, d) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// A file as text: UTF-8, else GBK (what Excel on a Chinese Windows saves).
async function fileText(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

export async function page(root, params, shown) {
  const year = Number(params?.get('year')) || Number(hallToday().slice(0, 4));
  const admin = user()?.role === 'admin';
  const go = (y) => { location.hash = `#/calendar?year=${y}`; };

  let answer;
  try {
    answer = await get(`/api/calendar/${year}`);
  } catch (e) {
    replace(root, h('p', { class: 'error' }, errorText(e)));
    return;
  }
  // date -> {kind, name}: what will be saved. `shipped` keeps the State Council's days as sent.
  const days = new Map();
  const shipped = new Map();
  for (const d of answer.days) {
    days.set(d.date, { kind: d.kind, name: d.name });
    if (d.source === 'state-council') shipped.set(d.date, d);
    else if (d.state_council) shipped.set(d.date, d.state_council); // the centre's day over the State Council's
  }

  let lastDate = shown;
  const message = h('div', { class: 'banner', id: 'calendar-message', role: 'status', hidden: true });
  const say = (text, kind = 'ok') => { message.hidden = false; message.className = `banner ${kind}`; replace(message, text); };
  let dirty = false;

  // The mark a click gives (admins).
  const markInputs = [['holiday', '放假'], ['workday', '上班'], ['ordinary', '普通']].map(([v, label], i) =>
    h('label', { class: 'mark' }, h('input', { type: 'radio', name: 'calendar-mark', value: v, checked: i === 0 }), label));
  const nameInput = h('input', { type: 'text', id: 'calendar-name', maxlength: 20, placeholder: '名称，如 春节' });
  const mark = () => root.querySelector('input[name="calendar-mark"]:checked')?.value || 'holiday';

  const plays = h('section', { class: 'panel', id: 'calendar-plays' }, h('p', { class: 'muted' }, '点一天，看这一天各屏按日程播放的节目。'));

  async function showPlays(date) {
    replace(plays, h('h3', {}, `${date} 各屏播放（10:00）`), h('p', { class: 'muted' }, '查询中…'));
    try {
      const r = await get(`/api/plays?date=${date}&time=10:00`);
      replace(plays, h('h3', {}, `${date}（${r.working_day ? '工作日' : '休息日'}${r.day_name ? `，${r.day_name}` : ''}）各屏 10:00 播放`),
        r.screens.length ? h('ul', {}, r.screens.map((s) => h('li', { dataset: { screen: s.screen_id } },
          `${s.screen}：`, s.program_id ? h('strong', {}, s.program) : h('span', { class: 'muted' }, '默认节目（无节目按日程播放）'))))
          : h('p', { class: 'muted' }, '还没有显示屏'),
        dirty ? h('p', { class: 'muted' }, '（按已保存的日历；改动保存后才算数）') : null);
    } catch (e) {
      replace(plays, h('p', { class: 'error' }, errorText(e)));
    }
  }

  function apply(date, weekend) {
    const m = mark();
    const name = nameInput.value.trim();
    if (m === 'ordinary') {
      // Back to the day's own kind: nothing to store unless a shipped day is to be undone.
      if (shipped.has(date)) days.set(date, { kind: weekend ? 'holiday' : 'workday', name: '' });
      else days.delete(date);
    } else {
      days.set(date, { kind: m, name });
    }
    dirty = true;
    say('有未保存的改动', 'warning');
  }

  function cell(y, m, d) {
    const date = isoDate(y, m, d);
    const wd = isoWeekday(y, m, d);
    const weekend = wd >= 6;
    const day = days.get(date);
    const holiday = day?.kind === 'holiday';
    const workday = day?.kind === 'workday' && weekend;
    const cls = ['day', weekend ? 'weekend' : '', holiday ? 'holiday' : '', workday ? 'workday' : '',
      day && !shipped.has(date) ? 'entered' : '', day && shipped.has(date) && (shipped.get(date).kind !== day.kind || shipped.get(date).name !== day.name) ? 'entered' : '']
      .filter(Boolean).join(' ');
    const title = [date, holiday ? '放假' : workday ? '调休上班' : weekend ? '周末' : '工作日', day?.name].filter(Boolean).join(' ');
    return h('td', {},
      h('button', { type: 'button', class: cls, title, dataset: { date }, 'aria-label': title,
        onclick: () => {
          if (admin) { apply(date, weekend); draw(); }
          lastDate = date;
          showPlays(date);
        } },
      h('span', { class: 'num' }, String(d)),
      day?.name && (holiday || workday) ? h('span', { class: 'name' }, workday ? `${day.name}·班` : day.name) : null));
  }

  function month(y, m) {
    const rows = [];
    let row = [];
    for (let i = 1; i < isoWeekday(y, m, 1); ++i) row.push(h('td', {}));
    for (let d = 1; d <= daysInMonth(y, m); ++d) {
      row.push(cell(y, m, d));
      if (row.length === 7) { rows.push(h('tr', {}, row)); row = []; }
    }
    if (row.length) rows.push(h('tr', {}, row));
    return h('table', { class: 'month', dataset: { month: m } },
      h('caption', {}, `${m}月`),
      h('thead', {}, h('tr', {}, weekdays.map((w) => h('th', {}, w)))),
      h('tbody', {}, rows));
  }

  const grid = h('div', { class: 'year-grid', id: 'calendar-grid' });
  function draw() {
    replace(grid, Array.from({ length: 12 }, (_, i) => month(year, i + 1)));
  }

  async function save() {
    const list = [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, d]) => ({ date, kind: d.kind, name: d.name }));
    try {
      await api('PUT', `/api/calendar/${year}`, { year, days: list });
      dirty = false;
      await page(root, params, lastDate); // what plays on the day last marked, as saved
      const banner = root.querySelector('#calendar-message');
      banner.hidden = false;
      banner.className = 'banner ok';
      replace(banner, `已保存 ${year} 年的节假日`);
    } catch (e) {
      say(errorText(e), 'error');
    }
  }

  const fileInput = h('input', { type: 'file', id: 'calendar-file', accept: '.csv,.txt,text/csv,text/plain', hidden: true,
    onchange: async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      try {
        const r = await api('POST', '/api/calendar/import', { text: await fileText(file) });
        await page(root, params, lastDate);
        const banner = root.querySelector('#calendar-message');
        banner.hidden = false;
        banner.className = 'banner ok';
        replace(banner, r.message);
      } catch (e) {
        say(errorText(e), 'error');
      }
      fileInput.value = '';
    } });

  draw();
  if (shown) showPlays(shown);
  replace(root,
    h('div', { class: 'page-head' }, h('h2', {}, `节假日 · ${year}年`),
      h('button', { type: 'button', id: 'calendar-prev', onclick: () => go(year - 1) }, `‹ ${year - 1}年`),
      h('button', { type: 'button', id: 'calendar-next', onclick: () => go(year + 1) }, `${year + 1}年 ›`)),
    h('p', { class: answer.shipped ? 'muted' : 'error', id: 'calendar-source' }, answer.shipped
      ? `已含国务院办公厅关于${year}年部分节假日安排的通知（放假与调休上班）。本中心另有安排的，可在此标记后保存。`
      : `软件未带${year}年的国务院节假日安排，请按国务院办公厅通知逐日标记放假和调休上班，或导入文件。`),
    h('p', { class: 'legend' }, h('span', { class: 'day holiday' }, '放假'), ' ', h('span', { class: 'day workday' }, '调休上班'), ' ',
      h('span', { class: 'day weekend' }, '周末'), ' ', h('span', { class: 'day entered' }, '本中心标记')),
    admin ? h('div', { class: 'panel calendar-tools' },
      h('span', {}, '点日期标记为：'), markInputs, nameInput,
      h('button', { type: 'button', class: 'primary', id: 'calendar-save', onclick: save }, '保存'),
      h('button', { type: 'button', id: 'calendar-import', onclick: () => fileInput.click() }, '导入文件'), fileInput,
      h('span', { class: 'hint' }, '文件每行：日期,类型,名称（类型写“放假”或“上班”），如 2026-10-01,放假,国庆节'))
      : h('p', { class: 'muted' }, '只有管理员可以修改节假日。'),
    message,
    h('div', { class: 'calendar' }, grid, plays));
}
