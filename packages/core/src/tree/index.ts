export { compareNames, type TensorTree, type TreeLeafSpec, treeNames } from './tensor-tree.js';
export { addTrees, dotTrees, globalNorm, scaleTree, subTrees } from './tree-arithmetic.js';
export { type FlatTree, flattenTree, unflattenTree } from './tree-flatten.js';
export { cloneTree, disposeTree } from './tree-lifecycle.js';
export { mapTree, zipTrees } from './tree-map.js';
export {
  assertSameStructure,
  type LeafShapeMismatch,
  TreeStructureError,
  treeSpec,
} from './tree-structure.js';
