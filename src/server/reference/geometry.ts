/**
 * Planar geometry for the generated map: power diagrams (weighted Voronoi) by
 * half-plane clipping. A cell is its container cut by half-planes, so cells of
 * one diagram tile their container without overlap, and nesting (city → town →
 * medium → small grid) keeps that property at every level. The city's outline
 * is concave, so cells along it may be too (clipping a concave polygon by a
 * half-plane keeps it one ring; where it would split, the parts stay joined by
 * a zero-width seam that adds no area and no point inside).
 */
export type Point = readonly [number, number]
export type Polygon = readonly Point[]

export function polygonArea(poly: Polygon): number {
  let a = 0
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point
    const q = poly[(i + 1) % poly.length] as Point
    a += p[0] * q[1] - q[0] * p[1]
  }
  return a / 2
}

export function centroid(poly: Polygon): Point {
  const a = polygonArea(poly)
  if (Math.abs(a) < 1e-15) {
    const n = poly.length || 1
    return [poly.reduce((s, p) => s + p[0], 0) / n, poly.reduce((s, p) => s + p[1], 0) / n]
  }
  let cx = 0
  let cy = 0
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point
    const q = poly[(i + 1) % poly.length] as Point
    const f = p[0] * q[1] - q[0] * p[1]
    cx += (p[0] + q[0]) * f
    cy += (p[1] + q[1]) * f
  }
  return [cx / (6 * a), cy / (6 * a)]
}

/** Keeps the part of a polygon where a·x ≤ b (Sutherland–Hodgman against one half-plane). */
export function clipHalfPlane(poly: Polygon, ax: number, ay: number, b: number): Point[] {
  const out: Point[] = []
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i] as Point
    const q = poly[(i + 1) % poly.length] as Point
    const fp = ax * p[0] + ay * p[1] - b
    const fq = ax * q[0] + ay * q[1] - b
    if (fp <= 0) out.push(p)
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq)
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    }
  }
  return out
}

/** Power-diagram cells of `sites` (weights `w`) inside a container. */
export function powerCells(container: Polygon, sites: readonly Point[], w: readonly number[]): Point[][] {
  return sites.map((pi, i) => {
    let cell: Point[] = [...container]
    const wi = w[i] ?? 0
    const ni = pi[0] * pi[0] + pi[1] * pi[1]
    for (let j = 0; j < sites.length && cell.length > 0; j++) {
      if (j === i) continue
      const pj = sites[j] as Point
      const ax = 2 * (pj[0] - pi[0])
      const ay = 2 * (pj[1] - pi[1])
      const b = pj[0] * pj[0] + pj[1] * pj[1] - ni + wi - (w[j] ?? 0)
      cell = clipHalfPlane(cell, ax, ay, b)
    }
    return cell
  })
}

export function contains(poly: Polygon, p: Point): boolean {
  let inside = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i] as Point
    const c = poly[j] as Point
    if (a[1] > p[1] !== c[1] > p[1] && p[0] < ((c[0] - a[0]) * (p[1] - a[1])) / (c[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

export function bbox(poly: Polygon): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const [x, y] of poly) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  return { minX, minY, maxX, maxY }
}

/** A uniform random point inside a polygon (rejection sampling in its box). */
export function randomPointIn(poly: Polygon, random: () => number): Point {
  const b = bbox(poly)
  for (let tries = 0; tries < 200; tries++) {
    const p: Point = [b.minX + random() * (b.maxX - b.minX), b.minY + random() * (b.maxY - b.minY)]
    if (contains(poly, p)) return p
  }
  return centroid(poly)
}

/**
 * Cells of roughly equal area: random sites relaxed a few times towards their
 * cells' centroids (Lloyd). Deterministic for a given random source.
 */
export function partition(container: Polygon, count: number, random: () => number, iterations = 4): Point[][] {
  if (count <= 1) return [[...container]]
  let sites = Array.from({ length: count }, () => randomPointIn(container, random))
  const zero = sites.map(() => 0)
  let cells = powerCells(container, sites, zero)
  for (let k = 0; k < iterations; k++) {
    sites = cells.map((c, i) => (c.length >= 3 ? centroid(c) : (sites[i] as Point)))
    cells = powerCells(container, sites, zero)
  }
  return cells
}

/**
 * Cells with prescribed area shares around given sites: weights adjusted until
 * each cell's share of the container matches its target (sites drift a little
 * towards their centroids to keep shapes compact).
 */
export function partitionByArea(
  container: Polygon,
  sites: readonly Point[],
  shares: readonly number[],
  iterations = 200,
): Point[][] {
  const total = Math.abs(polygonArea(container))
  const sum = shares.reduce((a, b) => a + b, 0)
  const targets = shares.map((s) => (s / sum) * total)
  const w = sites.map(() => 0)
  let current = [...sites]
  let cells = powerCells(container, current, w)
  for (let k = 0; k < iterations; k++) {
    for (let i = 0; i < current.length; i++) {
      const area = Math.abs(polygonArea(cells[i] ?? []))
      w[i] = (w[i] ?? 0) + 0.3 * ((targets[i] ?? 0) - area)
    }
    if (k % 4 === 3) {
      current = current.map((p, i) => {
        const c = cells[i] ?? []
        if (c.length < 3) return p
        const g = centroid(c)
        return [p[0] + 0.3 * (g[0] - p[0]), p[1] + 0.3 * (g[1] - p[1])] as Point
      })
    }
    cells = powerCells(container, current, w)
  }
  return cells
}

/**
 * A point inside the polygon near its centroid (the centroid itself when it is inside): cells
 * clipped by a concave coastline can have their centroid outside, and labels and
 * grid lookups need a point that is in.
 */
export function interiorPoint(poly: Polygon): Point {
  const c = centroid(poly)
  if (contains(poly, c)) return c
  const b = bbox(poly)
  let best: Point | null = null
  let bestD = Infinity
  const n = 24
  for (let i = 1; i < n; i++)
    for (let j = 1; j < n; j++) {
      const p: Point = [b.minX + ((b.maxX - b.minX) * i) / n, b.minY + ((b.maxY - b.minY) * j) / n]
      const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2
      if (d < bestD && contains(poly, p)) {
        best = p
        bestD = d
      }
    }
  return best ?? c
}
