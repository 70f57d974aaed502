import type { stockEn } from './stock.en.js';

/** 简体中文：库存列表。 */
export const stockZhCN: Record<keyof typeof stockEn, string> = {
  'stock.nav': '库存',
  'stock.title': '{store} 库存',
  'stock.titleNoStore': '库存',
  'stock.noStore': '此设备尚未分配门店。',
  'stock.searchPlaceholder': '按名称、SKU、分类或条码筛选',
  'stock.filter.all': '全部',
  'stock.filter.low': '偏低',
  'stock.filter.critical': '告急',
  'stock.filter.out': '缺货',
  'stock.col.name': '商品',
  'stock.col.sku': 'SKU',
  'stock.col.level': '库存',
  'stock.col.state': '状态',
  'stock.col.points': '补货点 / 警戒点',
  'stock.state.ok': '正常',
  'stock.state.low': '偏低',
  'stock.state.critical': '告急',
  'stock.state.out': '缺货',
  'stock.sortBy': '按{column}排序',
  'stock.pending': '{delta} 待同步',
  'stock.offline': '离线。库存为 {time} 时的数据，加上此设备之后的记录。',
  'stock.offlineNever': '离线且从未同步：库存只包含此设备的记录。',
  'stock.showing': '显示 {shown} / {total} 件商品',
  'stock.none': '没有符合筛选条件的商品。',
};
