import Testing

@testable import Spam

/// `LetterFolding.fold`, which packs a letter's bytes in a value, gives the bytes its definition gives.
@Suite struct LetterFoldingTests {
    private func agrees(_ scalar: UInt32) -> Bool {
        LetterFolding.fold(scalar).map { Array($0) } == LetterFolding.foldedAsBytes(scalar)
    }

    @Test func latinLettersAndEverythingUpToCJK() {
        for scalar in UInt32(0x80)..<0x3400 {
            #expect(agrees(scalar), "U+\(String(scalar, radix: 16))")
        }
    }

    @Test func samplesOfTheRest() {
        for scalar in stride(from: UInt32(0x3400), through: 0x10FFFF, by: 37) {
            #expect(agrees(scalar), "U+\(String(scalar, radix: 16))")
        }
    }

    @Test func accentsKeepTheirCase() {
        #expect(LetterFolding.fold(0xC9).map { Array($0) } == Array("E".utf8))  // É
        #expect(LetterFolding.fold(0xE9).map { Array($0) } == Array("e".utf8))  // é
        #expect(LetterFolding.fold(0xC6).map { Array($0) } == Array("AE".utf8))  // Æ
        #expect(LetterFolding.fold(0xD7) == nil)  // ×
        #expect(LetterFolding.fold(0x416).map { Array($0) } == Array("Ж".utf8))
        #expect(LetterFolding.fold(0x2014) == nil)  // —
    }
}
