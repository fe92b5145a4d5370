extension Duration {
    /// In seconds, as a `TimeInterval`.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
