/// IAM's wildcard match: `*` any run of characters (none included), `?` one character.
/// Actions compare case-insensitively, resources and condition values as written.
func wildcardMatch(_ pattern: String, _ text: String, ignoringCase: Bool = false) -> Bool {
    let p = Array(ignoringCase ? pattern.lowercased() : pattern), t = Array(ignoringCase ? text.lowercased() : text)
    // Iterative match with one backtrack point per star: linear in practice, no recursion.
    var (pi, ti, star, mark) = (0, 0, -1, 0)
    while ti < t.count {
        if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
            pi += 1
            ti += 1
        } else if pi < p.count, p[pi] == "*" {
            star = pi
            mark = ti
            pi += 1
        } else if star >= 0 {
            pi = star + 1
            mark += 1
            ti = mark
        } else {
            return false
        }
    }
    while pi < p.count, p[pi] == "*" { pi += 1 }
    return pi == p.count
}
