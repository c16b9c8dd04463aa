// Campaigns (issue 8): 积分翻倍日 banners, 生日双倍积分 (the member's birthday page), 补签 on the check-in
// calendar, and the console's 活动 page.
export const campaignsMessages = {
  "campaigns.makeup.title": "补签",
  "campaigns.makeup.button": "补签 {month}月{day}日，消耗 {cost} 积分",
  "campaigns.makeup.missed": "{month}月{day}日 未签到",
  "campaigns.makeup.madeUp": "{month}月{day}日 已补签",
  "campaigns.makeup.hint":
    "点击本月漏签的日期即可补签：每次消耗 {cost} 积分，本月还可补签 {left} 次（每月 {perMonth} 次）",
  "campaigns.makeup.hintNone": "本月补签次数已用完（每月 {perMonth} 次）",
  "campaigns.makeup.done": "补签成功：{month}月{day}日 +{points} 积分（消耗 {cost} 积分）",
  "campaigns.makeup.streak": "已连续签到 {streak} 天，本月还可补签 {left} 次",
  "campaigns.makeup.pageTitle": "补签结果",
  "campaigns.makeup.back": "返回我的积分",

  "campaigns.birthday.title": "我的生日",
  "campaigns.birthday.intro": "设置生日后，生日当天消费可获得 {multiplier} 倍积分。生日只能设置一次，请如实填写。",
  "campaigns.birthday.introMonth": "设置生日后，生日当月消费可获得 {multiplier} 倍积分。生日只能设置一次，请如实填写。",
  "campaigns.birthday.off": "商城暂未开启生日积分翻倍，生日仍可设置。",
  "campaigns.birthday.month": "月",
  "campaigns.birthday.day": "日",
  "campaigns.birthday.year": "出生年份（可不填）",
  "campaigns.birthday.choose": "请选择",
  "campaigns.birthday.submit": "保存生日",
  "campaigns.birthday.saved": "生日已保存：{birthday}",
  "campaigns.birthday.current": "你的生日：{birthday}",
  "campaigns.birthday.locked": "生日设置后不能修改，如需更正请联系门店。",
  "campaigns.birthday.monthDay": "{month}月{day}日",
  "campaigns.birthday.full": "{year}年{month}月{day}日",
  "campaigns.birthday.link": "我的生日",
  "campaigns.birthday.field.month": "请选择生日的月份",
  "campaigns.birthday.field.day": "请选择生日的日期",
  "campaigns.birthday.field.year": "出生年份须为 1900 年至今的四位数字",

  "campaigns.banner.label": "正在进行的活动",
  "campaigns.banner.item": "{name}：{sources}积分 ×{multiplier}",
  "campaigns.banner.until": "（至 {date}）",
  "campaigns.banner.birthday": "生日快乐！今天消费积分 ×{multiplier}",
  "campaigns.banner.birthdayMonth": "生日月快乐！本月消费积分 ×{multiplier}",

  "campaigns.api.birthday": "birthday 须为 MM-DD 或 YYYY-MM-DD",

  "campaigns.source.purchase": "消费",
  "campaigns.source.checkin": "签到",
  "campaigns.source.task": "任务",
  "campaigns.source.referral": "邀请",
  "campaigns.source.code": "兑换码",
  "campaigns.source.other": "其他",
} as const;
