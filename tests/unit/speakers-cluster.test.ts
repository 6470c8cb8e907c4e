import { describe, expect, it } from "vitest";
import { clusterVectors } from "@/lib/speakers/cluster";

// Seeded points scattered around given centres, interleaved like turns in a dialogue.
function blobs(centres: number[][], perCentre: number, spread: number, seed = 7): { vectors: number[][]; truth: number[] } {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const vectors: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < perCentre * centres.length; i++) {
    const c = i % centres.length;
    vectors.push(centres[c].map((value) => value + random() * spread));
    truth.push(c);
  }
  return { vectors, truth };
}

const sameGrouping = (labels: number[], truth: number[]) => {
  const pairs = new Map<number, number>();
  return labels.every((label, i) => (pairs.get(label) ?? (pairs.set(label, truth[i]), truth[i])) === truth[i]);
};

const THREE = [
  [1, 0, 0, 0.2],
  [0, 1, 0, 0.2],
  [0, 0, 1, 0.2],
];

describe("clusterVectors", () => {
  it("finds a known count and numbers clusters by first appearance", () => {
    const { vectors, truth } = blobs(THREE, 20, 0.2);
    const result = clusterVectors(vectors, { count: 3 });
    expect(result.count).toBe(3);
    expect(sameGrouping(result.labels, truth)).toBe(true);
    expect(result.labels.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it("chooses the count inside a range from how well clusters separate", () => {
    const { vectors, truth } = blobs(THREE, 15, 0.2);
    const result = clusterVectors(vectors, { min: 1, max: 6 });
    expect(result.count).toBe(3);
    expect(sameGrouping(result.labels, truth)).toBe(true);
    const two = blobs(THREE.slice(0, 2), 15, 0.2);
    expect(clusterVectors(two.vectors, { min: 1, max: 6 }).count).toBe(2);
  });

  it("answers one speaker when a range allows it and nothing separates", () => {
    const { vectors } = blobs([[1, 1, 1, 1]], 30, 0.05);
    expect(clusterVectors(vectors, { min: 1, max: 5 }).count).toBe(1);
    // Without 1 in the range the best split is still returned.
    expect(clusterVectors(vectors, { min: 2, max: 5 }).count).toBeGreaterThanOrEqual(2);
  });

  it("stops merging at a distance threshold", () => {
    const { vectors } = blobs(THREE, 10, 0.1);
    expect(clusterVectors(vectors, { threshold: 0.3 }).count).toBe(3);
    expect(clusterVectors(vectors, { threshold: 2 }).count).toBe(1);
  });

  it("handles tiny inputs and counts larger than the input", () => {
    expect(clusterVectors([], { count: 2 })).toEqual({ labels: [], count: 0 });
    expect(clusterVectors([[1, 0]], { min: 1, max: 4 })).toEqual({ labels: [0], count: 1 });
    expect(
      clusterVectors(
        [
          [1, 0],
          [0, 1],
        ],
        { count: 5 },
      ).count,
    ).toBe(2);
  });

  it("clusters long inputs through a sample and keeps every vector labelled", () => {
    const { vectors, truth } = blobs(THREE, 1000, 0.2);
    const result = clusterVectors(vectors, { count: 3 });
    expect(result.labels).toHaveLength(3000);
    expect(sameGrouping(result.labels, truth)).toBe(true);
  });
});
