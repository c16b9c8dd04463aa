// Every user-facing string of the shopper pages. `{name}` placeholders are filled by t().
// Add a locale by copying this file and typing it `satisfies Messages` (see ./index.ts).
export const zhCN = {
  "page.title": "{title} - {mall}",

  "layout.home": "{mall}首页",
  "layout.footer": "{mall} · 积分兑换说明以门店公告为准",

  "home.catalogHeading": "积分好礼",

  "price.points": "{points} 积分",
  "price.pointsCash": "{points} 积分 + {cash}",
  "price.yuan": "¥{yuan}",
  "price.originalLabel": "原价",

  "stock.inStock": "库存 {stock}",
  "stock.low": "仅剩 {stock} 件",
  "stock.soldOut": "已兑完",

  "flash.label": "限时秒杀",
  "flash.startsIn": "距开始",
  "flash.endsIn": "距结束",
  "flash.started": "已开始",
  "flash.ended": "已结束",
  "flash.cta.upcoming": "即将开抢",
  "flash.cta.live": "立即抢兑",
  "flash.cta.ended": "查看详情",

  "catalog.all": "全部",
  "catalog.tabs": "商品分类",
  "catalog.emptyTitle": "这个分类暂时没有商品",
  "catalog.emptyHint": "好礼正在上架，先去看看别的吧",
  "catalog.emptyAction": "查看全部商品",

  "common.backHome": "返回首页",

  "item.type.physical": "实物商品 · 包邮到家",
  "item.type.coupon": "优惠券 · 兑换后立即发放券码",
  "item.type.virtual": "服务 · 兑换后由门店安排",
  "item.limit": "每人限兑 {limit} 件",
  "item.noLimit": "不限兑换次数",
  "item.tiersOnly": "仅限 {tiers} 会员兑换",
  "item.description": "商品详情",
  "item.category": "分类：{name}",
  "error.code": "错误码 {status}",

  "notFound.page.title": "页面不存在",
  "notFound.page.message": "您访问的页面不存在或已被移除，请检查链接是否正确。",
  "notFound.item.title": "商品不存在",
  "notFound.item.message": "该商品可能已下架或链接有误，去看看其他好礼吧。",

  "error.400.title": "请求有误",
  "error.400.message": "提交的信息不完整或格式不对，请返回检查后重试。",
  "error.401.title": "需要重新进入",
  "error.401.message": "登录链接无效或已过期，请从商家公众号菜单或分享链接重新进入。",
  "error.403.title": "没有访问权限",
  "error.403.message": "当前账号无法访问此页面。",
  "error.429.title": "操作太频繁",
  "error.429.message": "请稍等片刻再试。",
  "error.500.title": "服务器开小差了",
  "error.500.message": "请稍后刷新重试，如果问题持续，请联系门店。",
  "error.generic.title": "出错了",
  "error.generic.message": "请求没有完成，请稍后重试。",

  // One line per AppError code (worker/errors.ts): shown in the htmx notice, the API error and error pages.
  "error.BAD_REQUEST": "请求有误，请检查后重试",
  "error.BAD_FILTER": "筛选条件有误",
  "error.VALIDATION_FAILED": "填写的信息有误，请检查后重试",
  "error.UNAUTHORIZED": "登录已失效，请从商家入口重新进入",
  "error.AUTOLOGIN_INVALID": "登录链接无效，请从商家入口重新进入",
  "error.AUTOLOGIN_EXPIRED": "登录链接已过期，请从商家入口重新进入",
  "error.AUTOLOGIN_REPLAYED": "登录链接已使用过，请从商家入口重新进入",
  "error.AUTOLOGIN_BAD_REDIRECT": "登录链接的跳转地址无效",
  "error.FORBIDDEN": "没有权限进行此操作",
  "error.NOT_FOUND": "页面不存在",
  "error.ITEM_NOT_FOUND": "商品不存在或已下架",
  "error.INSUFFICIENT_POINTS": "积分不足",
  "error.SOLD_OUT": "商品已兑完",
  "error.LIMIT_REACHED": "已达到每人限兑数量",
  "error.NOT_ON_SALE": "商品暂未开放兑换",
  "error.INTERNAL": "服务器开小差了",
  "error.tryAgain": "请稍后重试",
} as const;
