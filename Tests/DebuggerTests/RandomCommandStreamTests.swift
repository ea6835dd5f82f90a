// The REPL survives a stream of random and mutated commands: whatever is typed, each command
// gets an answer and the session still evaluates a known expression at the end.
import Testing
import MiniPy
@testable import Debugger

/// SplitMix64: a fixed, platform-independent stream for a reproducible command list.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite struct RandomCommandStream {
    /// Commands worth mutating: Python, torch and the debugger's own words.
    static let vocabulary = [
        "p 1 + 2", "pp [1, 2, 3]", "x = torch.randn(3, 4)", "w = torch.ones(4, 2, requires_grad=True)",
        "y = (x @ w).sum()", "y.backward()", "p w.grad", "p x.shape", "l", "ll", "w", "where", "u", "d",
        "b 3", "cl", "display x", "undisplay", "h", "h p", "p torch.zeros(2, 3)", "p [i * i for i in range(5)]",
        "d = {'a': 1}", "p d['a']", "s = 'text'", "p s.upper()", "p F.relu(torch.tensor([-1.0, 2.0]))",
        "m = nn.Linear(3, 2)", "p m(torch.ones(1, 3))", "p m.weight.shape", "!z = 5", "p z", "grads", "tree",
        "p x[0, 1]", "p x.view(4, 3)", "p x.t()", "p x.sum(dim=1)", "back", "back 1", "p None", "p (1, 'a')",
    ]
    /// Characters a mutation may insert: code punctuation, letters, digits, blanks.
    static let alphabet = Array("()[]{}:;,.'\"=+-/%<>!@#\\ \tabcdefxyz0123456789_\u{00e9}\u{4e2d}")
    /// Words that would end or leave the REPL's stop (quit, stepping, restart); they are
    /// exercised by the transcripts, and here would end the stream early.
    static let leaving: Set<String> = [
        "q", "quit", "exit", "s", "step", "n", "next", "r", "return", "finish", "c", "cont", "continue",
        "unt", "until", "np", "phase", "restart", "run", "j", "jump",
    ]

    static func commands(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(state: seed)
        var out: [String] = []
        while out.count < count {
            var chars: [Character]
            if rng.below(10) == 0 {
                // Pure noise.
                chars = (0..<rng.below(24)).map { _ in alphabet[rng.below(alphabet.count)] }
            } else {
                chars = Array(vocabulary[rng.below(vocabulary.count)])
                for _ in 0..<rng.below(4) {
                    let at = chars.isEmpty ? 0 : rng.below(chars.count + 1)
                    switch rng.below(3) {
                    case 0: chars.insert(alphabet[rng.below(alphabet.count)], at: at)
                    case 1: if at < chars.count { chars.remove(at: at) }
                    default: if at < chars.count { chars[at] = alphabet[rng.below(alphabet.count)] }
                    }
                }
            }
            let text = String(chars)
            let word = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            if leaving.contains(word) { continue }
            out.append(text)
        }
        return out
    }

    @Test func tenThousandCommandsAndTheReplStillAnswers() {
        let stream = Self.commands(count: 10_000, seed: 20_261_204)
        let run = runRepl(stream + ["p 6*7"])
        let replies = answers(run.transcript)
        #expect(run.status == 0)
        #expect(replies.count == stream.count + 2)
        if replies.count >= 2 {
            #expect(replies[replies.count - 2].command == "p 6*7")
            #expect(replies[replies.count - 2].output == "42\n")
        }
    }
}
