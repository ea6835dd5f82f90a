// Where the native standard modules (math, random, time, os, sys, ...) are listed.

/// The native standard modules every interpreter can import. The implementations live in
/// `Modules/`; each contributes one `NativeModuleDefinition` to this list.
func standardNativeModules() -> [NativeModuleDefinition] {
    StandardLibrary.modules
}
