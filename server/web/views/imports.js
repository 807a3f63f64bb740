// 导入导出: matters or notices from a sheet staff keep in Excel (.xlsx or CSV in UTF-8 or GBK).
// The file is previewed row by row first (POST /api/import/{kind}?dry_run=1: 新增, 更新, 未变 or 错误
// with every error's row, column and message); the import button stays off while any row is an
// error, and the commit stores all rows or none. Export gives the same columns back (.xlsx, .csv).
import { h, replace, select } from '../dom.js';
import { get, request, errorText, ApiError } from '../api.js';
import { pickedCentre } from '../centre.js';

const kinds = [['matters', '事项'], ['notices', '公告']];
const actions = { new: '新增', update: '更新', unchanged: '未变', error: '错误' };
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The file as the body: its type from its name, as browsers give .csv files several types.
function sheetBody(file) {
  const type = /\.xlsx$/i.test(file.name) ? xlsxType : 'text/csv';
  return new Blob([file], { type });
}

async function post(kind, centre, file, dryRun) {
  const res = await request('POST', `/api/import/${kind}?centre_id=${centre}${dryRun ? '&dry_run=1' : ''}`, sheetBody(file));
  return res.json();
}

function summary(r) {
  return `新增 ${r.new} 条，更新 ${r.update} 条，未变 ${r.unchanged} 条，错误 ${r.error} 行`;
}

function rowsTable(report) {
  return h('table', { class: 'list import-rows', id: 'import-rows' },
    h('thead', {}, h('tr', {}, h('th', {}, '行'), h('th', {}, '结果'), h('th', {}, '编号'), h('th', {}, '错误'))),
    h('tbody', {}, report.rows.map((r) => h('tr', { class: `import-${r.action}`, dataset: { row: r.row, action: r.action } },
      h('td', {}, `第 ${r.row} 行`),
      h('td', { class: r.action === 'error' ? 'error' : r.action === 'unchanged' ? 'muted' : 'ok' }, actions[r.action] || r.action),
      h('td', {}, r.id ?? ''),
      h('td', {}, r.errors.length ? h('ul', { class: 'import-errors' }, r.errors.map((e) => h('li', { class: 'error' },
        `第 ${r.row} 行`, e.column ? `“${e.column}”` : '', '：', e.message))) : '')))));
}

export async function page(root) {
  const { items: centres = [] } = await get('/api/centres?limit=1000');
  const kind = select({ id: 'import-kind', 'aria-label': '导入导出什么' }, kinds, 'matters');
  const centre = select({ id: 'import-centre', 'aria-label': '便民服务中心' }, centres.map((c) => [String(c.id), c.name]),
    String(pickedCentre() ?? centres[0]?.id ?? ''));
  const file = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,.csv', 'aria-label': '选择文件' });
  const commit = h('button', { type: 'button', class: 'primary', id: 'import-commit', disabled: true }, '导入');
  const status = h('p', { id: 'import-status', role: 'status' });
  const preview = h('div', { id: 'import-preview' });
  const xlsx = h('a', { class: 'button', id: 'export-xlsx', download: '' }, '导出 Excel（.xlsx）');
  const csv = h('a', { class: 'button', id: 'export-csv', download: '' }, '导出 CSV');

  function exportLinks() {
    xlsx.href = `/api/export/${kind.value}.xlsx?centre_id=${centre.value}`;
    csv.href = `/api/export/${kind.value}.csv?centre_id=${centre.value}`;
  }

  function show(report, done) {
    const warnings = report.warnings?.length ? h('ul', { class: 'hint', id: 'import-warnings' }, report.warnings.map((w) => h('li', {}, w))) : '';
    replace(preview, warnings, rowsTable(report));
    commit.disabled = done || report.error > 0 || report.new + report.update === 0;
  }

  let seq = 0;
  async function check() {
    const mine = ++seq;
    commit.disabled = true;
    replace(preview);
    const f = file.files[0];
    if (!f) { replace(status); return; }
    replace(status, '读取中…');
    try {
      const report = await post(kind.value, centre.value, f, true);
      if (mine !== seq) return;
      replace(status, report.error
        ? h('span', { class: 'error' }, `预览：${summary(report)}。有错误的行改正后再选文件，改正前什么都不会导入。`)
        : `预览：${summary(report)}。确认无误后点“导入”。`);
      show(report, false);
    } catch (e) {
      if (mine !== seq) return;
      replace(status, h('span', { class: 'error' }, `无法读取：${errorText(e)}`));
    }
  }

  commit.addEventListener('click', async () => {
    const f = file.files[0];
    if (!f) return;
    const mine = ++seq;
    commit.disabled = true;
    replace(status, '导入中…');
    try {
      const report = await post(kind.value, centre.value, f, false);
      if (mine !== seq) return;
      replace(status, h('span', { class: 'ok' }, `已导入：${summary(report)}`));
      show(report, true);
    } catch (e) {
      if (mine !== seq) return;
      replace(status, h('span', { class: 'error' }, `没有导入：${errorText(e)}`));
      if (e instanceof ApiError && e.data?.rows) show(e.data, true);
    }
  });
  file.addEventListener('change', check);
  kind.addEventListener('change', () => { exportLinks(); check(); });
  centre.addEventListener('change', () => { exportLinks(); check(); });
  exportLinks();

  replace(root,
    h('div', { class: 'page-head' }, h('h2', {}, '导入导出')),
    h('section', { class: 'panel' },
      h('label', { class: 'inline' }, '记录 ', kind),
      h('label', { class: 'inline' }, '中心 ', centre),
      h('p', { class: 'hint' }, '表头与导出的文件相同（事项名称、申请材料、承诺办结时限…；公告的标题、公示开始…）。已有的事项（事项编码相同，或没有编码时名称相同）和公告（标题与公示开始相同）会被更新，不会重复添加。')),
    h('section', { class: 'panel' },
      h('h3', {}, '导入'),
      h('label', { class: 'inline' }, 'Excel 工作簿（.xlsx）或 CSV（UTF-8 或 GBK） ', file),
      commit, status, preview),
    h('section', { class: 'panel' },
      h('h3', {}, '导出'),
      h('p', { class: 'hint' }, '导出的文件可在 Excel 中修改后再导入。'),
      xlsx, ' ', csv));
}
