import type { DepartmentDto } from '@kontakt/shared';

export interface DepartmentNode {
  department: DepartmentDto;
  children: DepartmentNode[];
}

/**
 * The API sends departments flat with `parentId`; the tree is built here. A department whose parent
 * is missing from the list (not visible to this user) becomes a root instead of disappearing.
 */
export function buildTree(items: DepartmentDto[], locale = 'ru'): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of items) nodes.set(d.id, { department: d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.department.parentId;
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && parentId !== node.department.id) parent.children.push(node);
    else roots.push(node);
  }
  const collator = new Intl.Collator(locale);
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => collator.compare(a.department.name, b.department.name));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface FlatDepartment {
  department: DepartmentDto;
  depth: number;
}

export function flattenTree(roots: DepartmentNode[]): FlatDepartment[] {
  const result: FlatDepartment[] = [];
  const visit = (list: DepartmentNode[], depth: number) => {
    for (const n of list) {
      result.push({ department: n.department, depth });
      visit(n.children, depth + 1);
    }
  };
  visit(roots, 0);
  return result;
}

/** A department and everything under it: none of them can become its new parent. */
export function subtreeIds(items: DepartmentDto[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const d of items) {
    if (!d.parentId) continue;
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
  const result = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (result.has(next)) continue;
    result.add(next);
    stack.push(...(children.get(next) ?? []));
  }
  return result;
}

/** Options for a native select, indented by depth so the hierarchy stays readable without a tree widget. */
export function departmentOptions(items: DepartmentDto[], locale: string, exclude?: Set<string>) {
  return flattenTree(buildTree(items, locale))
    .filter((f) => !exclude?.has(f.department.id))
    .map((f) => ({ value: f.department.id, label: `${'\u00a0\u00a0\u00a0'.repeat(f.depth)}${f.department.name}` }));
}
