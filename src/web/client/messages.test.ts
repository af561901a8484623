import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, fieldWords, messageOf } from './api'
import { useLocale } from './i18n'

afterEach(() => useLocale('en'))

describe('errors people read', () => {
  it('never shows API field paths or the server\'s "Invalid body" summary', () => {
    const err = new ApiError(422, 'Invalid body: hours[2].close must be HH:MM', 'validation_failed', [{ path: 'hours[2].close', message: 'must be HH:MM' }])
    expect(messageOf(err)).toBe('Some of the details are not valid: hours 3 close must be HH:MM')
    expect(messageOf(new ApiError(422, 'Invalid query: x', undefined))).toBe('Some of the details are not valid. Check them and try again.')
    expect(fieldWords('items[0].slot_start')).toBe('items 1 slot start')
  })

  it('says once, in words, why a storefront cannot be published yet', () => {
    const err = new ApiError(422, 'Cannot publish yet: add opening hours before publishing; add at least one active offering before publishing', 'not_publishable', [
      { path: 'hours', message: 'add opening hours before publishing' },
      { path: 'offerings', message: 'add at least one active offering before publishing' },
    ])
    expect(messageOf(err)).toBe('Not ready to publish yet: add opening hours; add at least one active offering.')
    useLocale('zh-CN')
    expect(messageOf(err)).toBe('暂时还不能发布：请添加营业时间；请至少添加一个在售项目。')
    expect(messageOf(new ApiError(422, 'Invalid body: x', 'validation_failed', [{ path: 'x', message: 'bad' }]))).toBe('部分信息无效，请检查后重试。')
  })
})
