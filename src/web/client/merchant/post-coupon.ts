import type { Session } from '../auth'
import { couponValueText } from '../coupons'
import { field, h } from '../dom'
import { t } from '../i18n'
import { CAMPAIGNS_CHANGED, ownCampaigns } from './coupons'

/**
 * The post form's "attach a coupon" choice: the storefront's live campaigns (followers claim the
 * attached one from the post in one tap). Re-reads when a campaign starts, pauses or ends.
 */
export function couponChoice(session: Session, shopId: string) {
  const select = h('select', { name: 'coupon_id', class: 'post-coupon-select' })
  const element = field(t('campaign.attach'), select, t('campaign.attachHint'))
  const load = async () => {
    const keep = select.value
    const live = (await ownCampaigns(session, shopId).catch(() => [])).filter((c) => c.status === 'active' && c.remaining > 0 && Date.parse(c.ends_at) > Date.now())
    select.replaceChildren(h('option', { value: '' }, t('campaign.attachNone')), ...live.map((c) => h('option', { value: c.id }, `${c.title} — ${couponValueText(c)}`)))
    select.value = live.some((c) => c.id === keep) ? keep : ''
  }
  window.addEventListener(CAMPAIGNS_CHANGED, () => void load())
  void load()
  return {
    element,
    /** The chosen campaign's id, or null for a post without a coupon. */
    value: (): string | null => select.value || null,
    clear: () => void (select.value = ''),
  }
}
