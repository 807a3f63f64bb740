// 工作人员: details, photo upload (PUT /api/staff/{id}/photo), and the window post each holds.
import { h, replace } from '../dom.js';
import { get, request, errorText } from '../api.js';
import { listPage } from '../list.js';
import { editPage, defaultCentreId } from '../editor.js';
import { text, checkbox, checked, phoneProblem } from '../form.js';

// staff id -> "4号窗口 A岗" from the windows' posts.
async function posts() {
  const out = new Map();
  try {
    const { items = [] } = await get('/api/windows?limit=1000');
    for (const w of items) {
      if (w.post_a) out.set(w.post_a, [...(out.get(w.post_a) || []), `${w.number}号窗口 A岗`]);
      if (w.post_b) out.set(w.post_b, [...(out.get(w.post_b) || []), `${w.number}号窗口 B岗`]);
    }
  } catch { /* the list still shows without posts */ }
  return out;
}

// The photo URL changes with the record's version so the browser fetches a new upload.
const photoUrl = (s) => `/api/staff/${s.id}/photo?v=${s.version}`;

export async function list(root, params) {
  const held = await posts();
  return listPage(root, {
    title: '工作人员', collection: 'staff', params, newLabel: '新建人员',
    columns: [
      { label: '姓名', value: (s) => s.name },
      { label: '照片', value: (s) => (s.photo ? h('img', { class: 'thumb', src: photoUrl(s), alt: `${s.name}的照片` }) : h('span', { class: 'muted' }, '无')) },
      { label: '单位', value: (s) => s.unit },
      { label: '职务', value: (s) => s.position },
      { label: '岗位', value: (s) => (held.get(s.id) || []).join('、') },
      { label: '电话', value: (s) => s.phone },
      { label: '党员', value: (s) => (s.party_member ? '是' : '') },
    ],
  });
}

export async function edit(root, id) {
  const held = await posts();
  let inputs;
  return editPage(root, {
    collection: 'staff', id, noun: '工作人员', titleOf: (s) => s.name,
    blank: async () => ({ centre_id: await defaultCentreId(), unit: '', name: '', position: '', phone: '', photo: '', party_member: false }),
    build(s, form) {
      inputs = { unit: text(s.unit), name: text(s.name, { id: 'staff-name' }), position: text(s.position),
        phone: text(s.phone, { type: 'tel', inputmode: 'tel', id: 'staff-phone' }), party: checkbox(s.party_member) };
      form.watch(inputs.phone, 'phone', (v) => phoneProblem(v));
      return {
        el: h('div', { class: 'fields' },
          form.field('姓名', inputs.name, 'name'), form.field('单位', inputs.unit, 'unit'),
          h('div', { class: 'row' }, form.field('职务', inputs.position, 'position'), form.field('电话', inputs.phone, 'phone')),
          form.field('中共党员', inputs.party, 'party_member'),
          h('p', { class: 'muted' }, '岗位：', (held.get(s.id) || ['未分配']).join('、'), '（在“窗口”中设置 A/B 岗）')),
        collect: (cur) => ({ ...cur, unit: inputs.unit.value, name: inputs.name.value, position: inputs.position.value,
          phone: checked(inputs.phone.value, 'phone', (v) => phoneProblem(v)), party_member: inputs.party.checked }),
      };
    },
    side(s, updated) {
      const frame = h('div', { class: 'photo' });
      const note = h('div', { class: 'muted' });
      const file = h('input', { type: 'file', accept: 'image/jpeg,image/png', id: 'staff-photo' });
      const show = (r) => replace(frame, r?.photo ? h('img', { src: photoUrl(r), alt: '照片' }) : h('span', { class: 'muted' }, '暂无照片'));
      const upload = async () => {
        const f = file.files[0];
        if (!f) { replace(note, '请先选择照片文件'); return; }
        if (!['image/jpeg', 'image/png'].includes(f.type)) { replace(note, '只能上传 JPEG 或 PNG 图片'); return; }
        try {
          const r = await (await request('PUT', `/api/staff/${s.id}/photo`, f)).json();
          Object.assign(s, r);
          updated(r);
          show(r);
          replace(note, '照片已更新');
        } catch (e) {
          replace(note, errorText(e));
        }
      };
      const panel = h('section', { class: 'panel' }, h('h3', {}, '照片'), frame,
        h('div', { class: 'upload' }, file, h('button', { type: 'button', onclick: upload }, '上传照片')), note);
      return {
        panels: [panel],
        saved: (r) => {
          if (!r) { replace(frame, h('span', { class: 'muted' }, '保存后可上传照片')); file.disabled = true; return; }
          s = r; file.disabled = false; show(r);
        },
      };
    },
  });
}
