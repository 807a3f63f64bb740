// 办事事项: materials as editable rows, time limits, fees; LED preview and check findings beside.
import { h, replace, select } from '../dom.js';
import { listPage } from '../list.js';
import { editPage, defaultCentreId } from '../editor.js';
import { text, number, checkbox, textarea, intOrNull } from '../form.js';
import { materialForms } from '../labels.js';
import { ledPreview } from '../led.js';
import { findingsPanel } from '../findings.js';

export function list(root, params) {
  return listPage(root, {
    title: '办事事项', collection: 'matters', params, newLabel: '新建事项', worded: true,
    columns: [
      { label: '事项名称', value: (m) => m.name },
      { label: '所属部门', value: (m) => m.department },
      { label: '办结时限', value: (m) => m.wording.time_limit || h('span', { class: 'error' }, '未填') },
      { label: '收费', value: (m) => m.wording.fee },
      { label: '材料', value: (m) => `${m.materials?.length || 0} 项` },
      { label: '窗口', value: (m) => (m.windows || []).map((w) => `${w}号`).join('、') },
    ],
  });
}

// Editable rows of one list field; each row registers its inputs' error slots by path.
function rows(form, field, items, columns, blank, onChange) {
  const body = h('tbody');
  const state = items.map((x) => ({ ...x }));
  const draw = () => {
    replace(body, state.map((item, i) => {
      const cells = columns.map((c) => {
        const input = c.input(item[c.key], (v) => { item[c.key] = v; onChange(); });
        input.setAttribute('aria-label', c.label);
        return h('td', { class: c.className }, input, form.slot(`${field}[${i}].${c.key}`, input));
      });
      return h('tr', {}, cells, h('td', {}, h('button', {
        type: 'button', class: 'link danger', onclick: () => { state.splice(i, 1); draw(); onChange(); },
      }, '删除')), form.slot(`${field}[${i}]`));
    }));
  };
  draw();
  const el = h('div', { class: 'rows' },
    h('table', { class: 'rows' }, h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.className }, c.label)), h('th'))), body),
    h('button', { type: 'button', onclick: () => { state.push(blank()); draw(); onChange(); } }, '添加一行'),
    form.slot(field));
  return { el, values: () => state };
}

// A textarea one line high that grows with its text: a material's name is read whole, whatever
// the width of the column (1024x768 included), never cut to its first characters.
function growing(v, set, attrs = {}) {
  const t = textarea(v, { rows: 1, class: 'grow', ...attrs });
  const fit = () => { t.style.height = 'auto'; t.style.height = `${t.scrollHeight + 2}px`; };
  t.addEventListener('input', () => { set(t.value.replace(/\n/g, '')); fit(); });
  // Enter adds no line to a name.
  t.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
  new ResizeObserver(fit).observe(t);
  return t;
}

const cell = {
  text: (v, set) => text(v, { oninput: (e) => set(e.target.value) }),
  name: (v, set) => growing(v, set, { class: 'grow material-name' }),
  notes: (v, set) => growing(v, set),
  number: (v, set) => number(v, { min: 0, class: 'short', oninput: (e) => set(intOrNull(e.target.value)) }),
  check: (v, set) => checkbox(v, { onchange: (e) => set(e.target.checked) }),
  form: (v, set) => select({ onchange: (e) => set(e.target.value) }, materialForms, v),
};

export function edit(root, id) {
  let m0, inputs, materials, fees, feeMode, theForm;
  const current = (base = m0) => ({
    ...base, name: inputs.name.value, statutory_days: intOrNull(inputs.statutory.value),
    promised_days: intOrNull(inputs.promised.value), fee: feeMode() || null,
    fees: feeMode() === 'charged' ? fees.values() : [],
  });
  return editPage(root, {
    collection: 'matters', id, noun: '事项', titleOf: (m) => m.name,
    blank: async () => ({ centre_id: await defaultCentreId(), name: '', code: '', department: '', category: '',
      legal_basis: '', materials: [], statutory_days: null, promised_days: null, fee: null, fees: [],
      fee_basis: '', windows: [], phone: '', group: '' }),
    build(m, form, changed) {
      m0 = m;
      theForm = form;
      const t = (v, id) => text(v, { id, oninput: changed });
      inputs = {
        code: t(m.code, 'matter-code'), name: t(m.name, 'matter-name'), department: t(m.department),
        category: t(m.category), legal_basis: textarea(m.legal_basis, { rows: 2 }),
        statutory: number(m.statutory_days, { id: 'matter-statutory', min: 0, oninput: changed }),
        promised: number(m.promised_days, { id: 'matter-promised', min: 0, oninput: changed }),
        fee_basis: textarea(m.fee_basis, { rows: 2 }),
        windows: text((m.windows || []).join('，'), { placeholder: '如：1，4' }),
        phone: text(m.phone, { type: 'tel' }), group: text(m.group, { placeholder: '“一件事”名称，可空' }),
      };
      materials = rows(form, 'materials', m.materials || [], [
        { key: 'name', label: '材料名称', input: cell.name, className: 'col-name' },
        { key: 'form', label: '形式', input: cell.form },
        { key: 'copies', label: '份数', input: cell.number },
        { key: 'required', label: '必需', input: cell.check },
        { key: 'notes', label: '备注', input: cell.notes, className: 'col-notes' },
      ], () => ({ name: '', form: 'original', copies: 1, required: true, notes: '' }), changed);
      fees = rows(form, 'fees', m.fees || [], [
        { key: 'name', label: '收费项目', input: cell.text },
        { key: 'amount', label: '金额（元）', input: (v, set) => text(v, { class: 'short', inputmode: 'decimal', oninput: (e) => set(e.target.value) }) },
        { key: 'unit', label: '单位', input: (v, set) => text(v, { class: 'short', placeholder: '元/件', oninput: (e) => set(e.target.value) }) },
      ], () => ({ name: '', amount: '', unit: '元' }), changed);
      const radio = (value, label) => h('label', { class: 'inline' },
        h('input', { type: 'radio', name: 'fee', value, checked: (m.fee ?? '') === value, onchange: () => { showFees(); changed(); } }), label);
      const feeBox = h('fieldset', { class: 'fee' }, h('legend', {}, '收费'),
        radio('', '未说明'), radio('free', '不收费'), radio('charged', '收费'));
      feeMode = () => feeBox.querySelector('input[name=fee]:checked')?.value || '';
      const feeRows = h('div', {}, fees.el);
      const showFees = () => { feeRows.hidden = feeMode() !== 'charged'; };
      showFees();
      return {
        el: h('div', { class: 'fields' },
          h('div', { class: 'row' }, form.field('事项名称', inputs.name, 'name'), form.field('事项编码', inputs.code, 'code')),
          h('div', { class: 'row' }, form.field('所属部门', inputs.department, 'department'), form.field('事项类别', inputs.category, 'category')),
          form.field('设定依据', inputs.legal_basis, 'legal_basis'),
          h('fieldset', {}, h('legend', {}, '申请材料'), materials.el),
          h('div', { class: 'row' },
            form.field('法定办结时限（工作日）', inputs.statutory, 'statutory_days', '空着表示法律未规定'),
            form.field('承诺办结时限（工作日）', inputs.promised, 'promised_days', '0 表示即办')),
          feeBox, form.slot('fee', feeBox), feeRows,
          form.field('收费依据', inputs.fee_basis, 'fee_basis', '收费的须写明文件名称和文号'),
          h('div', { class: 'row' }, form.field('办理窗口', inputs.windows, 'windows'), form.field('咨询电话', inputs.phone, 'phone')),
          form.field('一件事', inputs.group, 'group')),
        collect: (cur) => ({
          ...current(cur), code: inputs.code.value, department: inputs.department.value, category: inputs.category.value,
          legal_basis: inputs.legal_basis.value, fee_basis: inputs.fee_basis.value,
          materials: materials.values(),
          windows: inputs.windows.value.split(/[，,、\s]+/).map((w) => w.replace(/号$/, '')).filter(Boolean),
          phone: inputs.phone.value, group: inputs.group.value,
        }),
      };
    },
    side(m, updated, unsaved) {
      const preview = ledPreview(() => ({ matter: unsaved() }));
      const findings = findingsPanel('matter', (field) => theForm?.find(field)?.input?.focus());
      return { panels: [preview.el, findings.el], changed: preview.refresh, saved: (r) => findings.refresh(r?.id) };
    },
  });
}
