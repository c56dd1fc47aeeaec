// Growing the load model's typed arrays (the event heap, the request table): one copy into a longer array.

type Numbers = Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

/** A copy of `a` `length` long (zeros after its values), of its own kind. */
export function grown<T extends Numbers>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
