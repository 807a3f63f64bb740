// 打印: every printed sheet (公示栏, 办事指南, 一次性告知单, 岗位牌, 标识牌, 公示) previewed page by
// page as the printer will get it (GET /api/print/{sheet}.png), what to fix first
// ({sheet}.json), and the PDF to print ({sheet}.pdf).
import { h, replace, select } from '../dom.js';
import { get, request, errorText } from '../api.js';
import { pickedCentre } from '../centre.js';
import { records, routes } from '../labels.js';

const sheets = [
  ['poster', '服务事项公示栏'],
  ['guide', '办事指南'],
  ['checklist', '一次性告知单'],
  ['postcards', '窗口岗位牌'],
  ['sign', '中心标识牌'],
  ['notice', '公示（含好差评二维码）'],
];
const papers = [['A4', 'A4（210×297 毫米）'], ['A3', 'A3（297×420 毫米）'], ['A2', 'A2（420×594 毫米）'], ['custom', '自定尺寸']];
const orientations = [['0', '纵向'], ['1', '横向']];
const forMatter = (sheet) => sheet === 'guide' || sheet === 'checklist';

let urls = []; // object URLs of the pages shown, revoked when new ones come

// "事项 #21（fee_basis）：收费未写明依据…", linked to the record's edit page.
function warningItem(w) {
  const who = w.record ? `${records[w.record] || w.record}${w.id ? ` #${w.id}` : ''}` : '本页';
  const link = routes[w.record] && w.id ? h('a', { href: `#/${routes[w.record]}/${w.id}` }, who) : who;
  return h('li', { dataset: { record: w.record, id: w.id, field: w.field } }, link,
    w.field ? h('span', { class: 'field-name' }, `（${w.field}）`) : '', '：', w.message);
}

export async function page(root, params) {
  // The picked centre's sheets (for the whole county: the first centre's, as the server chooses).
  const centre = pickedCentre() ? `&centre_id=${pickedCentre()}` : '';
  const [matterList, noticeList] = await Promise.all([get(`/api/matters?limit=1000${centre}`),
    get(`/api/notices?limit=1000${centre}`)]);
  const matters = (matterList.items || []).map((m) => [String(m.id), m.name]);
  const notices = (noticeList.items || []).map((n) => [String(n.id), `${n.title}（${n.publish_from || '?'} 至 ${n.publish_until || '?'}）`]);

  const sheet = select({ id: 'print-sheet', 'aria-label': '样式' }, sheets, params.get('sheet') || 'poster');
  const matter = select({ id: 'print-matter', 'aria-label': '事项' }, matters, params.get('matter') || matters[0]?.[0]);
  const notice = select({ id: 'print-notice', 'aria-label': '公示' }, notices, params.get('notice') || notices[0]?.[0]);
  const paper = select({ id: 'print-paper', 'aria-label': '纸张' }, papers, 'A4');
  const orientation = select({ id: 'print-orientation', 'aria-label': '方向' }, orientations, '0');
  const width = h('input', { type: 'number', id: 'print-width', min: 10, max: 5000, value: 3000, 'aria-label': '宽（毫米）' });
  const height = h('input', { type: 'number', id: 'print-height', min: 10, max: 5000, value: 600, 'aria-label': '高（毫米）' });
  const matterField = h('label', { class: 'inline' }, '事项 ', matter);
  const noticeField = h('label', { class: 'inline' }, '公示 ', notice);
  const sizeField = h('label', { class: 'inline print-size' }, '宽 ', width, ' × 高 ', height, ' 毫米');
  const pdf = h('a', { class: 'button', id: 'print-pdf', download: '' }, '下载 PDF');
  const status = h('p', { class: 'led-status', id: 'print-status', role: 'status' });
  const warnings = h('div', { id: 'print-warnings' });
  const pages = h('div', { id: 'print-pages', class: 'print-pages' });

  // The query every file of this sheet takes.
  function query() {
    const q = new URLSearchParams();
    if (forMatter(sheet.value) && matter.value) q.set('matter', matter.value);
    if (sheet.value === 'notice' && notice.value) q.set('notice', notice.value);
    q.set('paper', paper.value === 'custom' ? `${width.value}x${height.value}mm` : paper.value);
    if (orientation.value === '1') q.set('landscape', '1');
    if (pickedCentre()) q.set('centre', pickedCentre());
    return q;
  }

  function arrange() {
    matterField.hidden = !forMatter(sheet.value);
    noticeField.hidden = sheet.value !== 'notice';
    sizeField.hidden = paper.value !== 'custom';
  }

  let seq = 0;
  async function draw() {
    arrange();
    const mine = ++seq;
    const q = query();
    pdf.href = `/api/print/${sheet.value}.pdf?${q}`;
    replace(status, '生成中…');
    let info;
    try {
      info = await get(`/api/print/${sheet.value}.json?${q}`);
    } catch (e) {
      if (mine !== seq) return;
      replace(status, h('span', { class: 'error' }, `无法生成：${errorText(e)}`));
      replace(warnings);
      replace(pages);
      return;
    }
    if (mine !== seq) return;
    const size = `${info.paper.width_mm}×${info.paper.height_mm} 毫米`;
    const named = /^A\d/.test(info.paper.name) ? `${info.paper.name.replace(' landscape', ' 横向')}（${size}）` : size;
    replace(status, `${info.title}：共 ${info.pages} 页，纸张 ${named}`);
    replace(warnings, info.missing.length || info.warnings.length ? h('div', { class: 'led-missing', id: 'print-missing' },
      info.missing.length ? h('div', {}, '以下字符没有字体可以显示，印出来是方框，请先改正：',
        info.missing.map((m) => h('span', { class: 'glyph', title: m.code_point }, ` ${m.char} `)),
        `（${info.missing.map((m) => m.code_point).join('、')}）`) : '',
      h('ul', {}, info.warnings.map(warningItem))) : '');
    for (const u of urls) URL.revokeObjectURL(u);
    urls = [];
    const imgs = [];
    for (let i = 0; i < info.pages; i++) imgs.push(h('img', { class: 'print-page', alt: `第 ${i + 1} 页` }));
    replace(pages, imgs.map((img, i) => h('figure', {}, img, h('figcaption', { class: 'muted small' }, `第 ${i + 1} / ${info.pages} 页`))));
    for (let i = 0; i < imgs.length; i++) {
      try {
        const res = await request('GET', `/api/print/${sheet.value}.png?${q}&page=${i}`, undefined, { Accept: 'image/png' });
        const blob = await res.blob();
        if (mine !== seq) return;
        const u = URL.createObjectURL(blob);
        urls.push(u);
        imgs[i].src = u;
      } catch (e) {
        if (mine !== seq) return;
        imgs[i].replaceWith(h('p', { class: 'error' }, `第 ${i + 1} 页无法预览：${errorText(e)}`));
      }
    }
  }

  sheet.addEventListener('change', () => {
    // The sign is a board, not a sheet of paper: its own size in millimetres.
    if (sheet.value === 'sign') { paper.value = 'custom'; orientation.value = '0'; }
    else if (paper.value === 'custom') paper.value = 'A4';
    draw();
  });
  for (const el of [matter, notice, paper, orientation, width, height]) el.addEventListener('change', draw);

  replace(root,
    h('div', { class: 'page-head' }, h('h2', {}, '打印'), pdf),
    h('section', { class: 'panel' },
      h('label', { class: 'inline' }, '样式 ', sheet), matterField, noticeField,
      h('label', { class: 'inline' }, '纸张 ', paper), sizeField, h('label', { class: 'inline' }, '方向 ', orientation),
      h('p', { class: 'hint' }, '预览与打印用的是同一份文件：公示栏按事项逐行排表，表头每页重复；标识牌按中心的规范名称用红色宋体横排。')),
    status, warnings, pages);
  if (sheet.value === 'sign') paper.value = 'custom';
  draw();
}
