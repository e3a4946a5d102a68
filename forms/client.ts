// Progressive enhancement comes with the forms issue.
export {};
