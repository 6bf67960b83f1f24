// The line-editor island (UI.md "Line editor"): live totals computed by the domain's own money
// and cost functions. Imports only pure src/domain code.
export {};
