// 节目: which screen, its areas and schedule as JSON (the server validates every field).
import { h, select } from '../dom.js';
import { get } from '../api.js';
import { listPage } from '../list.js';
import { editPage } from '../editor.js';
import { text, textarea, jsonField } from '../form.js';
import { screenPreview } from './screens.js';

async function screens() {
  try {
    return (await get('/api/screens?limit=1000')).items || [];
  } catch {
    return [];
  }
}

const areaExample = [{ x: 0, y: 0, width: 128, height: 16, effect: 'left', speed: 2, dwell_seconds: 8,
  items: [{ kind: 'notice-list' }] }];

export async function list(root, params) {
  const all = await screens();
  const name = (id) => all.find((s) => s.id === id)?.name || `#${id}`;
  return listPage(root, {
    title: '节目', collection: 'programs', params, newLabel: '新建节目',
    filters: { screen_id: params.get('screen_id') || '' },
    columns: [
      { label: '名称', value: (p) => p.name },
      { label: '显示屏', value: (p) => name(p.screen_id) },
      { label: '区域', value: (p) => `${p.areas?.length || 0} 个` },
      { label: '内容', value: (p) => (p.areas || []).flatMap((a) => (a.items || []).map((i) => i.kind)).join('、') },
    ],
  });
}

export async function edit(root, id) {
  const all = await screens();
  let inputs;
  return editPage(root, {
    collection: 'programs', id, noun: '节目', titleOf: (p) => p.name,
    blank: async () => ({ screen_id: all[0]?.id || 0, name: '', areas: areaExample,
      schedule: { working_days_only: false, times: [] } }),
    build(p, form) {
      inputs = {
        screen: select({}, all.map((s) => [s.id, `${s.name}（${s.width}×${s.height}）`]), p.screen_id),
        name: text(p.name),
        areas: textarea(JSON.stringify(p.areas || [], null, 2), { rows: 16, class: 'code', spellcheck: 'false' }),
        schedule: textarea(JSON.stringify(p.schedule || {}, null, 2), { rows: 6, class: 'code', spellcheck: 'false' }),
      };
      return {
        el: h('div', { class: 'fields' },
          h('div', { class: 'row' }, form.field('显示屏', inputs.screen, 'screen_id'), form.field('节目名称', inputs.name, 'name')),
          form.field('区域（JSON）', inputs.areas, 'areas',
            '每个区域：x、y、width、height、effect（static/left/up）、speed、dwell_seconds、items（kind：centre、notice-list、matter-list、fee-table、window、matter、notice、text）'),
          form.field('播放时间（JSON）', inputs.schedule, 'schedule', 'from、until（日期）、weekdays（1–7）、times（start/end）、working_days_only、priority')),
        collect: (cur) => ({ ...cur, screen_id: Number(inputs.screen.value), name: inputs.name.value,
          areas: jsonField(inputs.areas.value || '[]', 'areas'), schedule: jsonField(inputs.schedule.value || '{}', 'schedule') }),
      };
    },
    side() {
      const preview = screenPreview();
      return { panels: [preview.el], saved: (p) => preview.show(p && all.find((s) => s.id === p.screen_id)) };
    },
  });
}
