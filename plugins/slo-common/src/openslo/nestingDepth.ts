/**
 * Whether a tree nests deeper than `maxDepth` levels, found without
 * recursion (so a pathological tree cannot overflow the stack). Depth-first,
 * so a tree that refers to itself is caught after `maxDepth` steps.
 */
export function nestsDeeperThan<T>(
  root: T,
  maxDepth: number,
  childrenOf: (node: T) => readonly T[] | undefined,
): boolean {
  const stack: Array<{ node: T; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const children = childrenOf(node);
    if (!children || children.length === 0) {
      continue;
    }
    if (depth + 1 > maxDepth) {
      return true;
    }
    for (const child of children) {
      stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

/** The members of a plain object or array (the collections of parsed YAML). */
export function valueChildren(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) {
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.values(value);
  }
  return undefined;
}
