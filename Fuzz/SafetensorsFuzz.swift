// libFuzzer target: the safetensors reader on arbitrary bytes, and re-encoding what it accepts.
import Autograd

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? SafetensorsFile.decode(bytes) else { return 0 }
    // What was accepted must encode, and the encoding must decode to the same file.
    guard let encoded = try? file.encode(), let again = try? SafetensorsFile.decode(encoded) else {
        fatalError("accepted safetensors file does not round-trip")
    }
    // Entry order may change (the writer sorts), so compare by name.
    for entry in file.entries where again.entry(named: entry.name) != entry {
        fatalError("entry \(entry.name) changed in a round trip")
    }
    return 0
}
