import { InvalidArgumentError } from 'commander';

/** A commander parser for an integer option within bounds. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return value;
  };
}

/** A commander parser for a number no smaller than `min`. */
export function number(min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < min) {
      throw new InvalidArgumentError(`expected a number of at least ${min}`);
    }
    return value;
  };
}
