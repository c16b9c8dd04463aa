-- 消息中心: a lottery prize's message from the lottery's own projection of its finished draws (lottery_draws,
-- migration 0019_games), beside the ledger/order triggers of 0018 that caught prizes before that projection
-- existed. Each uses the same source key as the 0018 trigger for the same prize — `ledger:<the prize's ref>` for
-- points, `order:<id>:prize` for an item — so whichever fact reaches Turso first writes the message and the
-- other adds nothing (`insert or ignore` on (uid, dedupe_key)); a replayed batch fires nothing (final draws are
-- inserted `on conflict do nothing`).
CREATE TRIGGER `messages_lottery_draw` AFTER INSERT ON `lottery_draws`
WHEN NEW.state = 'done' AND NEW.prize_kind IN ('points', 'item')
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid, 'lottery_prize',
    CASE
      WHEN NEW.prize_kind = 'points' THEN 'ledger:lottery:' || NEW.lottery_id || ':' || NEW.key || ':prize'
      WHEN NEW.order_id IS NOT NULL THEN 'order:' || NEW.order_id || ':prize'
      ELSE 'lottery:' || NEW.lottery_id || ':' || NEW.key
    END,
    CASE WHEN NEW.prize_kind = 'points'
      THEN json_object('points', NEW.prize_points, 'prize', NEW.lottery_name)
      ELSE json_object('prize', coalesce(NEW.prize_name, ''), 'orderId', coalesce(NEW.order_id, ''))
    END,
    CASE WHEN NEW.prize_kind = 'item' AND NEW.order_id IS NOT NULL THEN '/me/orders/' || NEW.order_id
      ELSE '/lottery/' || NEW.lottery_id
    END,
    cast(unixepoch('subsec') * 1000 as integer));
END;
