// 服务中心: its standard name, population, hall area and whether publishing needs approval.
import { h, select } from '../dom.js';
import { listPage } from '../list.js';
import { editPage } from '../editor.js';
import { text, number, checkbox, intOrNull } from '../form.js';
import { centreKinds } from '../setup.js';

const kinds = centreKinds.map(([k, label]) => [k, label]);

export function list(root, params) {
  return listPage(root, {
    title: '服务中心', collection: 'centres', params,
    columns: [
      { label: '名称', value: (c) => c.name },
      { label: '县', value: (c) => c.county },
      { label: '人口', value: (c) => c.population },
      { label: '大厅面积（㎡）', value: (c) => c.hall_area },
      { label: '发布需审批', value: (c) => (c.publishing_needs_approval ? '是' : '否') },
    ],
  });
}

export function edit(root, id) {
  let i;
  return editPage(root, {
    collection: 'centres', id, noun: '服务中心', titleOf: (c) => c.name,
    blank: async () => ({ kind: 'township-centre', name: '' }),
    build(c, form) {
      const t = (k) => text(c[k]);
      i = { kind: select({}, kinds.some(([k]) => k === c.kind) ? kinds : [...kinds, [c.kind, c.kind]], c.kind),
        name: t('name'), county: t('county'), township: t('township'), street: t('street'), station: t('station'), village: t('village'),
        population: number(c.population, { min: 0 }), hall_area: number(c.hall_area, { min: 0, step: 'any' }),
        grade: number(c.grade, { min: 1, max: 3 }), approval: checkbox(c.publishing_needs_approval),
        complaint_phone: t('complaint_phone'), review_url: t('review_url') };
      return {
        el: h('div', { class: 'fields' },
          form.field('名称', i.name, 'name', '如：青石镇人民政府便民服务中心'), form.field('类型', i.kind, 'kind'),
          h('div', { class: 'row' }, form.field('县（市、区）', i.county, 'county'), form.field('乡镇', i.township, 'township')),
          h('div', { class: 'row' }, form.field('街道', i.street, 'street'), form.field('撤并乡镇（街道）', i.station, 'station')),
          form.field('村（社区）', i.village, 'village'),
          h('div', { class: 'row' }, form.field('服务人口', i.population, 'population'), form.field('大厅面积（㎡）', i.hall_area, 'hall_area')),
          h('div', { class: 'row' }, form.field('等级（1–3）', i.grade, 'grade'), form.field('投诉电话', i.complaint_phone, 'complaint_phone')),
          form.field('“好差评”地址', i.review_url, 'review_url'),
          form.field('编辑保存的事项和公告须经管理员审批后发布', i.approval, 'publishing_needs_approval')),
        collect: (cur) => ({ ...cur, kind: i.kind.value, name: i.name.value, county: i.county.value,
          township: i.township.value, street: i.street.value, station: i.station.value, village: i.village.value,
          population: intOrNull(i.population.value) ?? 0, grade: intOrNull(i.grade.value) ?? cur.grade,
          hall_area: i.hall_area.value === '' ? 0 : Number(i.hall_area.value),
          publishing_needs_approval: i.approval.checked, complaint_phone: i.complaint_phone.value, review_url: i.review_url.value }),
      };
    },
  });
}
