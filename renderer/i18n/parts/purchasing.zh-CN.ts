import type { purchasingEn } from './purchasing.en.js';

/** 供应商与采购单：采购命令的拒绝说明。 */
export const purchasingZhCN: Record<keyof typeof purchasingEn, string> = {
  'command.supplier-unknown': '此设备上还没有这个供应商',
  'command.po-unknown': '此设备上还没有这张采购单',
  'command.po-not-draft': '这张采购单已发给供应商，不能再修改',
  'command.po-not-out': '这张采购单不在供应商处待交货，不能按它收货',
  'command.po-cannot-cancel': '只有草稿或尚未到货的采购单可以取消',
  'command.po-other-store': '这张采购单属于另一家门店',
  'command.po-not-on-it': '{product} 不在这张采购单上',
  'command.po-line-closed': '{product} 这一行已关闭，不再等待到货',
  'command.po-too-much': '{left, plural, =0 {{product} 已无待到货数量} other {{product} 只剩 # 件待到货}}',
};
