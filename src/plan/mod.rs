//! Planning: AST → logical plan.
