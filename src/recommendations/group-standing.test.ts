import { describe, expect, it } from 'vitest'
import { GROUP_TOP, standingsOfTag } from './group-standing'
import type { GroupLeaderRow } from './interests.repository'

const row = (cell: number, id: string, fans: number, inside = true): GroupLeaderRow => ({ tag: 'coffee', cell, merchant_id: id, fans, inside })

/** The rank by brute force over every row within the radius: 1 + rows within it with more fans. */
function competitionRanks(all: readonly GroupLeaderRow[]): Map<string, number> {
  const within = all.filter((r) => r.inside)
  return new Map(within.map((r) => [r.merchant_id, 1 + within.filter((o) => o.fans > r.fans).length]))
}

/** What groupLeaders reads: each cell's first GROUP_TOP rows by fans, within the radius or not (ties in any order). */
function leaders(all: readonly GroupLeaderRow[]): GroupLeaderRow[] {
  const cells = [...new Set(all.map((r) => r.cell))]
  return cells.flatMap((c) => all.filter((r) => r.cell === c).sort((a, b) => b.fans - a.fans).slice(0, GROUP_TOP))
}

describe('standings in an interest group', () => {
  it('rank a row 1 + the rows within the radius with more fans, ties sharing a rank', () => {
    const all = [row(1, 'a', 9), row(1, 'b', 5), row(2, 'c', 5), row(2, 'd', 3), row(3, 'e', 7), row(3, 'far', 8, false)]
    expect(standingsOfTag(leaders(all))).toEqual([
      { merchantId: 'a', rank: 1, fans: 9 }, { merchantId: 'b', rank: 3, fans: 5 }, { merchantId: 'c', rank: 3, fans: 5 },
      { merchantId: 'd', rank: 5, fans: 3 }, { merchantId: 'e', rank: 2, fans: 7 },
    ])
  })

  it('leave out a row when a full cell may hide rows with more fans within the radius', () => {
    // Cell 1 lies across the edge: its ten most-fanned rows are all outside, an unread 11th (6 fans) inside.
    const all = [...Array.from({ length: 10 }, (_, i) => row(1, `out${i}`, 8, false)), row(1, 'unread', 6), row(2, 'mine', 4), row(2, 'top', 9)]
    const out = standingsOfTag(leaders(all))
    // 'mine' may have 'unread' ahead (it does: its true rank is 3, not 2); 'top' has more fans than any unread row.
    expect(out).toEqual([{ merchantId: 'top', rank: 1, fans: 9 }])
  })

  it('never claims a rank other than the truth, and finds every top row when no cell is full, on random groups', () => {
    let seed = 7
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    for (let round = 0; round < 300; round++) {
      const size = round % 2 === 0 ? 5 + Math.floor(next() * 80) : 5 + Math.floor(next() * 20)
      const all = Array.from({ length: size }, (_, i) => row(1 + Math.floor(next() * 6), `m${i}`, 2 + Math.floor(next() * next() * 12), next() < 0.7))
      const truth = competitionRanks(all)
      const read = leaders(all)
      const out = standingsOfTag(read)
      for (const s of out) expect(s.rank).toBe(truth.get(s.merchantId))
      if (read.length === all.length) {
        const expected = all.filter((r) => r.inside && (truth.get(r.merchant_id) as number) <= GROUP_TOP).map((r) => r.merchant_id).sort()
        expect(out.map((s) => s.merchantId).sort()).toEqual(expected)
      }
    }
  })
})
