import Foundation

/// Precision, recall, F1 and ham called spam, from the four counts of a confusion matrix.
struct SpamFigures {
    var spamCaught = 0
    var spamMissed = 0
    var hamCalledSpam = 0
    var hamKept = 0

    mutating func count(isSpam: Bool, calledSpam: Bool) {
        switch (isSpam, calledSpam) {
        case (true, true): spamCaught += 1
        case (true, false): spamMissed += 1
        case (false, true): hamCalledSpam += 1
        case (false, false): hamKept += 1
        }
    }

    var precision: Double { Double(spamCaught) / Double(max(spamCaught + hamCalledSpam, 1)) }
    var recall: Double { Double(spamCaught) / Double(max(spamCaught + spamMissed, 1)) }
    var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
    var ham: Int { hamCalledSpam + hamKept }

    func line(_ label: String) -> String {
        String(
            format: "%-34@ precision %.3f  recall %.3f  F1 %.3f  ham called spam %d of %d (%.2f %%)  spam missed %d",
            label as NSString, precision, recall, f1, hamCalledSpam, ham,
            100 * Double(hamCalledSpam) / Double(max(ham, 1)), spamMissed)
    }
}
