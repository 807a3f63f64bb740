// 公示记录 on a notice's page: per screen the hours shown within the publication period and the
// gaps with their reasons (GET /api/notices/{id}/proof.json), and the PDF for the file.
import { h, replace } from './dom.js';
import { get, errorText } from './api.js';

export function proofPanel(noticeId) {
  const body = h('div', { class: 'proof-body' });
  const pdf = h('a', { id: 'notice-proof-pdf', class: 'button', href: `/api/notices/${noticeId}/proof.pdf`,
    download: `proof-${noticeId}.pdf` }, '下载公示记录 PDF');
  async function show() {
    replace(body, h('p', { class: 'muted' }, '正在生成公示记录…'));
    try {
      const p = await get(`/api/notices/${noticeId}/proof.json`);
      const rows = [];
      for (const s of p.screens) {
        rows.push(h('tr', { class: 'proof-screen' }, h('td', {}, s.name), h('td', {}, s.hours_shown.toFixed(2)),
          h('td', {}, String(s.gaps.length))));
      }
      const gapRows = [];
      for (const s of p.screens) {
        for (const g of s.gaps) {
          gapRows.push(h('tr', { class: 'proof-gap' }, h('td', {}, s.name), h('td', {}, g.from), h('td', {}, g.until),
            h('td', {}, g.reason_text)));
        }
      }
      replace(body,
        h('p', {}, `统计时段：${p.from} 至 ${p.until}（${p.period_hours} 小时）`),
        h('table', { class: 'table', id: 'notice-proof-screens' },
          h('thead', {}, h('tr', {}, h('th', {}, '显示屏'), h('th', {}, '展示小时数'), h('th', {}, '未展示时段数'))),
          h('tbody', {}, ...rows)),
        h('h4', {}, '未展示时段'),
        gapRows.length
          ? h('table', { class: 'table', id: 'notice-proof-gaps' },
            h('thead', {}, h('tr', {}, h('th', {}, '显示屏'), h('th', {}, '起'), h('th', {}, '止'), h('th', {}, '原因'))),
            h('tbody', {}, ...gapRows))
          : h('p', {}, '无'));
    } catch (err) {
      replace(body, h('p', { class: 'error' }, errorText(err)));
    }
  }
  const button = h('button', { type: 'button', id: 'notice-proof', onclick: show }, '公示记录');
  return { el: h('section', { class: 'panel proof' }, h('h3', {}, '公示记录'), h('div', { class: 'row' }, button, pdf), body) };
}
